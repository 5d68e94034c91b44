//! The application state handed to every handler through axum's `State`.

use std::sync::Arc;

use orgtrust_core::App;

/// What handlers share (cloned by every middleware and extractor of every request, so each
/// field is one `Arc`): the application (store, clock, indexes, services).
#[derive(Debug, Clone)]
pub struct AppState {
    /// The domain services.
    pub app: Arc<App>,
    /// The request series behind `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The emulator controls, when the server runs with `--emulator`.
    pub emulator: Option<Arc<orgtrust_core::emulator::Emulator>>,
    /// Serialized answers of the hottest reads, per organization generation.
    pub responses: Arc<crate::response_cache::ResponseCache>,
}
