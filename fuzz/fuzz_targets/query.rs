//! The query-string extractor and the paging parameters: any query string gives values or a 4xx
//! Genesys error, never a panic; accepted paging stays within its documented bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgtrust_server::extract::Query;
use orgtrust_server::paging::Page;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let query = match Query::parse(raw) {
        Ok(q) => q,
        Err(e) => {
            assert!(e.status().is_client_error());
            return;
        }
    };
    match Page::from_query(&query, 25) {
        Ok(page) => {
            assert!((1..=500).contains(&page.size), "page size {}", page.size);
            assert!(page.number >= 1, "page number {}", page.number);
        }
        Err(e) => assert!(e.status().is_client_error()),
    }
    for name in ["id", "expand", "divisionId", "state", "sortOrder"] {
        let _ = query.list(name);
        let _ = query.get(name);
        if let Err(e) = query.bool(name) {
            assert!(e.status().is_client_error());
        }
        if let Err(e) = query.int(name) {
            assert!(e.status().is_client_error());
        }
    }
});
