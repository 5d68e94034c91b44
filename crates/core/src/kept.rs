//! Values derived from an organization's state, kept in memory beside the authorization
//! generation they were read at, and answered only while that generation stands.

use dashmap::DashMap;

/// Values derived from an organization's state, each kept with the generation read before that
/// state was (THE RULE of the stores) and answered only while the generation is still the same.
#[derive(Debug)]
pub(crate) struct Kept<K: Eq + std::hash::Hash, V>(DashMap<K, (u64, V)>);

impl<K: Eq + std::hash::Hash, V> Default for Kept<K, V> {
    fn default() -> Self {
        Self(DashMap::new())
    }
}

impl<K: Eq + std::hash::Hash, V: Clone> Kept<K, V> {
    /// The value kept for `key` when it was read at `generation`.
    pub(crate) fn get(&self, key: &K, generation: u64) -> Option<V> {
        self.0
            .get(key)
            .filter(|kept| kept.0 == generation)
            .map(|kept| kept.1.clone())
    }

    /// Keeps `value`, read at `generation`, unless a request that read a later generation
    /// already kept its own (generations only grow).
    pub(crate) fn keep(&self, key: K, generation: u64, value: V) {
        match self.0.entry(key) {
            dashmap::Entry::Occupied(mut kept) if kept.get().0 < generation => {
                kept.insert((generation, value));
            }
            dashmap::Entry::Occupied(_) => {}
            dashmap::Entry::Vacant(slot) => {
                slot.insert((generation, value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_value_answers_only_at_its_generation_and_a_later_one_wins() {
        let kept: Kept<&str, &str> = Kept::default();
        kept.keep("org", 2, "at 2");
        assert_eq!(kept.get(&"org", 2), Some("at 2"));
        assert_eq!(kept.get(&"org", 3), None);
        // A slow request that read generation 1 does not replace what generation 2 kept.
        kept.keep("org", 1, "at 1");
        assert_eq!(kept.get(&"org", 2), Some("at 2"));
        kept.keep("org", 3, "at 3");
        assert_eq!(kept.get(&"org", 3), Some("at 3"));
        assert_eq!(kept.get(&"other", 3), None);
    }
}
