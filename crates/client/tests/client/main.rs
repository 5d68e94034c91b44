//! The client's tests: one binary. `live` runs the client against a real orgtrust server;
//! `requests` and `behaviour` run it against a recording server to check what goes on the wire
//! (method, path, query, body) and how answers, errors and 429s are handled.

mod helpers;
mod operations;
mod recorder;

mod behaviour;
mod live;
mod requests;
mod seed_live;
mod trust_login;
