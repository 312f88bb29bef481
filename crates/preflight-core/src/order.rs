//! Sorting through one shared routine.
//!
//! Each `sort_by` on another element type or comparator compiles its own copy of the standard
//! library's sort, a few kilobytes each; the page ships this crate as WebAssembly, where those
//! copies added up to a noticeable share of the download. Here every caller maps its items to a
//! `u64` key and the one sort that runs is on `(key, position)` pairs.

/// Sorts `v` by `key`, keeping the original order of equal keys (a stable sort).
pub fn by_key<T>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> u64) {
    let mut keys: Vec<(u64, usize)> = v.iter().map(&mut key).zip(0..).collect();
    if keys.windows(2).all(|w| w.first() <= w.get(1)) {
        return; // already in order: the common case for lines and checks
    }
    sort_pairs(&mut keys);
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        keys.iter()
            .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The one sort instance. Positions are distinct, so an unstable sort of the pairs is stable
/// for the keys.
#[inline(never)]
fn sort_pairs(keys: &mut [(u64, usize)]) {
    keys.sort_unstable();
}

/// A key of two numbers compared in order; each part is clamped to 32 bits.
pub fn pair(high: usize, low: usize) -> u64 {
    let clamp = |n: usize| {
        u64::try_from(n)
            .unwrap_or(u64::MAX)
            .min(u64::from(u32::MAX))
    };
    clamp(high) << 32 | clamp(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_equal_keys_in_their_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn pair_orders_by_the_first_number_then_the_second() {
        assert!(pair(1, 900) < pair(2, 0));
        assert!(pair(2, 1) < pair(2, 3));
        assert_eq!(pair(usize::MAX, 0), pair(u32::MAX as usize, 0));
    }
}
