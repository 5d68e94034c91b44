//! Streams over every entity of a paged listing (`EntityListing<T>`), fetching page after page
//! until `pageCount`.

use std::future::Future;

use futures::stream::{self, Stream, TryStreamExt};
use orgtrust_api::EntityListing;

use crate::Result;

/// Every entity of a paged listing, in order: calls `fetch(1)`, `fetch(2)`, ... (the page
/// number) and yields each page's entities, stopping after page `pageCount` (or at the first
/// empty page, so a listing that shrinks while being read still ends). The first error ends
/// the stream.
///
/// ```no_run
/// # async fn demo(client: orgtrust_client::Client) -> orgtrust_client::Result<()> {
/// use futures::TryStreamExt;
/// let c = client.clone();
/// let users: Vec<_> = orgtrust_client::paginate(move |page| {
///     let c = c.clone();
///     async move { c.get_orgauthorization_trustee_users("b0000000-0000-4000-8000-000000000001", Some(100), Some(page)).await }
/// })
/// .try_collect()
/// .await?;
/// # Ok(()) }
/// ```
pub fn paginate<T, F, Fut>(fetch: F) -> impl Stream<Item = Result<T>> + Send
where
    T: Send,
    F: FnMut(i32) -> Fut + Send,
    Fut: Future<Output = Result<EntityListing<T>>> + Send,
{
    // State: the fetcher and the next page to ask for (None once the last page was read).
    stream::try_unfold((fetch, Some(1)), |(mut fetch, next)| async move {
        let Some(number) = next else {
            return Ok::<_, crate::ClientError>(None);
        };
        let page = fetch(number).await?;
        let last = page.entities.is_empty() || i64::from(number) >= page.page_count;
        let next = if last { None } else { number.checked_add(1) };
        Ok(Some((
            stream::iter(page.entities.into_iter().map(Ok::<T, crate::ClientError>)),
            (fetch, next),
        )))
    })
    .try_flatten()
}
