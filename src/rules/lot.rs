//! Drawing lots to order tied dossiers (PRODUCT.md §3: a waiting list
//! needs an order). The draw is a pure function of a seed — the record's
//! last hash at the moment of the draw — and the dossiers, so anyone can
//! repeat it: each dossier is keyed by SHA-256 of `"<seed>:<id>"`
//! (lowercase hex) and the keys are sorted ascending.

use sha2::{Digest, Sha256};

use crate::domain::SessionState;

/// The dossiers in the order the lot gives them.
pub fn draw(seed: &str, dossiers: &[String]) -> Vec<String> {
    let mut keyed: Vec<(String, &String)> =
        dossiers.iter().map(|d| (hex::encode(Sha256::digest(format!("{seed}:{d}").as_bytes())), d)).collect();
    keyed.sort();
    keyed.into_iter().map(|(_, d)| d.clone()).collect()
}

/// The order a lot gave `group` (all of them in one draw, the latest such
/// draw), or `None` when no lot ordered them.
pub fn lot_order(state: &SessionState, group: &[&str]) -> Option<Vec<String>> {
    state
        .proceedings
        .lots
        .iter()
        .rev()
        .find(|lot| group.iter().all(|d| lot.order.iter().any(|o| o == d)))
        .map(|lot| lot.order.iter().filter(|o| group.contains(&o.as_str())).cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draw_is_a_function_of_the_seed_alone() {
        let ids: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        let seed = "5f0c".repeat(16);
        let order = draw(&seed, &ids);
        // sha256("<seed>:A") etc., sorted: computed independently with
        // `printf '%s' "<seed>:A" | sha256sum`.
        let key = |d: &str| hex::encode(Sha256::digest(format!("{seed}:{d}").as_bytes()));
        let mut expected = ids.clone();
        expected.sort_by_key(|d| key(d));
        assert_eq!(order, expected);
        assert_eq!(draw(&seed, &["C", "A", "B"].map(String::from)), order, "the order given does not matter");
        assert_ne!(draw(&"00".repeat(32), &ids), order, "another seed, another order (for these)");
    }
}
