//! The pagination clamp every list query uses.

/// Page size when a query gives no limit.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page size a query may ask for.
pub const MAX_LIMIT: u32 = 30;

/// The page size to take: `limit`, or [`DEFAULT_LIMIT`] when absent, and
/// never more than [`MAX_LIMIT`].
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
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
}
