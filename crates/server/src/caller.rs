//! Where the permission check ([`crate::auth::check`]) leaves the caller for the emulator's layers
//! that report on a request after it has run: the request log (the acting organization) and "why
//! was I refused". Outside emulator mode no layer puts a slot in the request, and remembering costs
//! one extension lookup.

use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::http::request::Parts;
use orgtrust_core::authz::Principal;

/// The caller of one request, once the check has authenticated it.
#[derive(Debug, Clone, Default)]
pub struct CallerSlot(Arc<Mutex<Option<Principal>>>);

impl CallerSlot {
    /// The request's slot, put there by the first layer that asks for it.
    pub fn of(request: &mut Request) -> CallerSlot {
        request
            .extensions_mut()
            .get_or_insert_default::<CallerSlot>()
            .clone()
    }

    /// The caller, when the request was authenticated.
    pub fn caller(&self) -> Option<Principal> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Remembers the caller; a no-op when no layer asked (no slot in the request).
pub fn remember(parts: &Parts, principal: &Principal) {
    if let Some(slot) = parts.extensions.get::<CallerSlot>() {
        *slot.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(principal.clone());
    }
}
