//! The binary as operators run it: several instances on one PostgreSQL, structured logs, backup
//! and restore. Each test starts `orgtrust serve` processes.

mod access;
mod hardening;
mod instances;
mod operating;
mod support;
