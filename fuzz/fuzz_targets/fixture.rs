//! The fixture loader's parser: any text gives a document or an error naming a JSON path, never a
//! panic; a parsed document lists its clients.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgtrust_core::fixture;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(doc) = fixture::parse("fuzz", text) {
        let _ = doc.clients();
    }
});
