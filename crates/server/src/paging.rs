//! Paged listings the Genesys way: `pageSize` (default 25) and `pageNumber` (1-based) in, the
//! `entities`/`total`/`pageCount` and relative `firstUri`/`selfUri`/`nextUri`/`previousUri`/
//! `lastUri` out.

use orgtrust_api::EntityListing;

use crate::error::ApiError;
use crate::extract::Query;

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Entities per page.
    pub size: i64,
    /// 1-based page number.
    pub number: i64,
}

/// The largest page the server returns.
pub const MAX_PAGE_SIZE: i64 = 500;

impl Page {
    /// Reads `pageSize` and `pageNumber` from the query (400 `invalid.value` out of range).
    pub fn from_query(query: &Query, default_size: i64) -> Result<Self, ApiError> {
        let size = query.int("pageSize")?.unwrap_or(default_size);
        let number = query.int("pageNumber")?.unwrap_or(1);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(ApiError::invalid_value(
                "pageSize",
                &size.to_string(),
                format!("pageSize must be between 1 and {MAX_PAGE_SIZE}."),
            ));
        }
        if !(1..=1_000_000).contains(&number) {
            return Err(ApiError::invalid_value(
                "pageNumber",
                &number.to_string(),
                "pageNumber must be at least 1.",
            ));
        }
        Ok(Self { size, number })
    }

    /// Rows to skip.
    pub fn offset(&self) -> i64 {
        (self.number - 1) * self.size
    }

    /// Builds the listing for `base` (a path, possibly with other query parameters already).
    pub fn listing<T>(&self, entities: Vec<T>, total: i64, base: &str) -> EntityListing<T> {
        EntityListing::paged(entities, self.size, self.number, total, base)
    }

    /// This page of `all` (every entity, in order), each mapped to its wire form.
    pub fn of<T, W>(
        &self,
        all: Vec<T>,
        to_wire: impl FnMut(T) -> W,
        base: &str,
    ) -> EntityListing<W> {
        let total = all.len() as i64;
        let entities = all
            .into_iter()
            .skip(usize::try_from(self.offset()).unwrap_or(usize::MAX))
            .take(usize::try_from(self.size).unwrap_or(0))
            .map(to_wire)
            .collect();
        self.listing(entities, total, base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_like_the_wire_example() {
        let page = Page { size: 2, number: 2 };
        let l = page.listing(vec![1], 5, "/api/v2/orgauthorization/trustees");
        assert_eq!(l.page_count, 3);
        assert_eq!(
            l.first_uri,
            "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1"
        );
        assert_eq!(
            l.previous_uri.as_deref(),
            Some("/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=1")
        );
        assert_eq!(
            l.next_uri.as_deref(),
            Some("/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3")
        );
        assert_eq!(
            l.last_uri,
            "/api/v2/orgauthorization/trustees?pageSize=2&pageNumber=3"
        );
        let last = Page { size: 2, number: 3 }.listing(vec![1], 5, "/x");
        assert_eq!(last.next_uri, None);
        let empty = Page {
            size: 25,
            number: 1,
        }
        .listing(Vec::<i32>::new(), 0, "/x");
        assert_eq!(
            (empty.page_count, empty.next_uri, empty.previous_uri),
            (0, None, None)
        );
    }
}
