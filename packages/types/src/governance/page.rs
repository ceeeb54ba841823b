//! Pagination: the clamp every list query uses, and a page of a map in
//! ascending key order after a given key.

use cosmwasm_std::{Addr, Api, Order, StdResult, Storage};
use cw_storage_plus::{Bound, KeyDeserialize, Map, PrimaryKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Page size when a query gives no limit.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page size a query may ask for.
pub const MAX_LIMIT: u32 = 30;

/// The page size to take: `limit`, or [`DEFAULT_LIMIT`] when absent, and
/// never more than [`MAX_LIMIT`].
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

/// Validates an address given as the key to start after.
pub fn start_after_addr(api: &dyn Api, start_after: Option<String>) -> StdResult<Option<Addr>> {
    start_after.map(|a| api.addr_validate(&a)).transpose()
}

/// Up to [`page_limit`]`(limit)` entries of `map` in ascending key order,
/// after `start_after` when given.
pub fn page<'a, 'c, K, T>(
    map: &Map<K, T>,
    storage: &'c dyn Storage,
    start_after: Option<K>,
    limit: Option<u32>,
) -> impl Iterator<Item = StdResult<(K::Output, T)>> + 'c
where
    T: Serialize + DeserializeOwned + 'c,
    K: PrimaryKey<'a> + KeyDeserialize,
    K::Output: 'static,
{
    map.range(
        storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    )
    .take(page_limit(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_defaults_and_is_clamped() {
        assert_eq!(page_limit(None), 10);
        assert_eq!(page_limit(Some(0)), 0);
        assert_eq!(page_limit(Some(7)), 7);
        assert_eq!(page_limit(Some(30)), 30);
        assert_eq!(page_limit(Some(31)), 30);
        assert_eq!(page_limit(Some(u32::MAX)), 30);
    }

    #[test]
    fn a_page_starts_after_its_key_in_ascending_order() {
        let mut storage = cosmwasm_std::testing::MockStorage::new();
        let map: Map<&str, u32> = Map::new("m");
        for (i, k) in ["d", "a", "c", "b"].into_iter().enumerate() {
            map.save(&mut storage, k, &(i as u32)).unwrap();
        }
        let keys = |start, limit| -> Vec<String> {
            page(&map, &storage, start, limit)
                .map(|r| r.unwrap().0)
                .collect()
        };
        assert_eq!(keys(None, None), ["a", "b", "c", "d"]);
        assert_eq!(keys(Some("a"), Some(2)), ["b", "c"]);
        assert_eq!(keys(Some("d"), None), Vec::<String>::new());
    }

    #[test]
    fn a_start_address_is_validated() {
        let api = cosmwasm_std::testing::MockApi::default();
        let a = api.addr_make("a");
        assert_eq!(start_after_addr(&api, None), Ok(None));
        assert_eq!(start_after_addr(&api, Some(a.to_string())), Ok(Some(a)));
        assert!(start_after_addr(&api, Some("not an address".into())).is_err());
    }
}
