//! Grouping phrases into candidate themes by co-occurrence: average-link agglomerative
//! clustering on the Jaccard overlap of the answers that use each phrase.

/// Jaccard overlap of two sorted, deduplicated sets: shared / in either (0 for two empty).
///
/// ```
/// use tally_discover::group::jaccard;
/// assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
/// ```
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let either = a.len() + b.len() - shared;
    if either == 0 {
        0.0
    } else {
        shared as f64 / either as f64
    }
}

/// Groups items (each given by its sorted set) by average-link agglomerative clustering:
/// repeatedly merges the two groups whose members' mean pairwise Jaccard overlap is highest,
/// while it is at least `link`. Ties go to the pair with the lowest indices, so the result
/// depends only on the input order. Returns the groups, each a sorted list of item indices,
/// ordered by their first item.
///
/// ```
/// use tally_discover::group::average_link;
/// let sets = [vec![1, 2, 3], vec![1, 2, 3, 4], vec![7, 8], vec![8, 9]];
/// assert_eq!(average_link(&sets, 0.3), [vec![0, 1], vec![2, 3]]);
/// assert_eq!(average_link(&sets, 0.5), [vec![0, 1], vec![2], vec![3]]);
/// ```
pub fn average_link(sets: &[Vec<u32>], link: f64) -> Vec<Vec<usize>> {
    let n = sets.len();
    let sim: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| jaccard(&sets[i], &sets[j])).collect())
        .collect();
    let mut groups: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // sum of pairwise similarities between groups, kept up to date on merging
    let mut between: Vec<Vec<f64>> = sim.clone();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..groups.len() {
            for b in a + 1..groups.len() {
                let mean = between[a][b] / (groups[a].len() * groups[b].len()) as f64;
                if best.is_none_or(|(m, _, _)| mean > m) {
                    best = Some((mean, a, b));
                }
            }
        }
        let Some((mean, a, b)) = best else { break };
        if mean < link {
            break;
        }
        let moved = groups.remove(b);
        groups[a].extend(moved);
        groups[a].sort_unstable();
        let row_b = between.remove(b);
        for row in &mut between {
            let vb = row.remove(b);
            row[a] += vb;
        }
        for (k, v) in row_b.iter().enumerate().filter(|&(k, _)| k != b) {
            let k = if k > b { k - 1 } else { k };
            if k != a {
                between[a][k] += v;
            }
        }
        between[a][a] = 0.0;
    }
    groups.sort_by_key(|g| g[0]);
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_similarities_are_averages() {
        // J(0,1) = 2/3; 2 overlaps 0 by 1/3 and 1 by 1/4: mean 7/24 once 0 and 1 merge
        let sets = [vec![1, 2], vec![1, 2, 4], vec![2, 3]];
        assert_eq!(average_link(&sets, 0.3), [vec![0, 1], vec![2]]);
        assert_eq!(average_link(&sets, 0.29), [vec![0, 1, 2]]);
    }

    #[test]
    fn empty_and_single() {
        assert!(average_link(&[], 0.2).is_empty());
        assert_eq!(average_link(&[vec![1]], 0.2), [vec![0]]);
    }
}
