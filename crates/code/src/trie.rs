//! A trie over term ids: every codebook pattern (word, glob or phrase) is a path, and
//! walking it from each word of a response finds every pattern occurrence in one pass.

/// Node index of the root.
const ROOT: u32 = 0;

#[derive(Debug, Default, Clone)]
struct Node {
    /// Outgoing edges, sorted by term id.
    edges: Vec<(u32, u32)>,
    /// Patterns that end at this node.
    outputs: Vec<u32>,
}

/// The trie of all patterns.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The root's child for each term id (`NONE` if none): every word of every response
    /// starts a walk at the root, whose edges are many, so they are looked up directly
    /// rather than by binary search.
    first: Vec<u32>,
}

/// No child in [`Trie::first`].
const NONE: u32 = u32::MAX;

impl Default for Trie {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::default()],
            first: Vec::new(),
        }
    }
}

impl Trie {
    /// Adds pattern `id` as the sequence `terms`.
    pub(crate) fn insert(&mut self, terms: &[u32], id: u32) {
        let mut at = ROOT;
        for &t in terms {
            let node = &self.nodes[at as usize];
            at = match node.edges.binary_search_by_key(&t, |e| e.0) {
                Ok(i) => node.edges[i].1,
                Err(i) => {
                    let next = self.nodes.len() as u32;
                    self.nodes[at as usize].edges.insert(i, (t, next));
                    self.nodes.push(Node::default());
                    if at == ROOT {
                        if self.first.len() <= t as usize {
                            self.first.resize(t as usize + 1, NONE);
                        }
                        self.first[t as usize] = next;
                    }
                    next
                }
            };
        }
        self.nodes[at as usize].outputs.push(id);
    }

    /// Calls `found(pattern, first, end)` for every occurrence, where word `i` carries the
    /// term ids `terms_at(i)` and the occurrence spans words `first..end` (in no promised
    /// order: callers sort).
    pub(crate) fn find<'a>(
        &self,
        len: usize,
        terms_at: impl Fn(usize) -> &'a [u32],
        mut found: impl FnMut(u32, usize, usize),
        stack: &mut Vec<(u32, usize)>,
    ) {
        for first in 0..len {
            stack.clear();
            // entering a node: its patterns end here, and the walk goes on from it
            let mut enter = |child: u32, end: usize, stack: &mut Vec<(u32, usize)>| {
                for &p in &self.nodes[child as usize].outputs {
                    found(p, first, end);
                }
                stack.push((child, end));
            };
            // the root's children straight from its table (the root never goes on the stack:
            // every word starts a walk, and most walks end there)
            for &t in terms_at(first) {
                if let Some(child) = self.root_child(t) {
                    enter(child, first + 1, stack);
                }
            }
            while let Some((node, pos)) = stack.pop() {
                if pos >= len {
                    continue;
                }
                for &t in terms_at(pos) {
                    if let Some(child) = self.child(node, t) {
                        enter(child, pos + 1, stack);
                    }
                }
            }
        }
    }

    /// The root's child along term `t`, from its table (the root's edges are many).
    fn root_child(&self, t: u32) -> Option<u32> {
        self.first.get(t as usize).copied().filter(|&c| c != NONE)
    }

    /// The child of `node` (not the root) along term `t`, by binary search of its edges.
    fn child(&self, node: u32, t: u32) -> Option<u32> {
        let edges = &self.nodes[node as usize].edges;
        let i = edges.binary_search_by_key(&t, |e| e.0).ok()?;
        Some(edges[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every (pattern, first word, end word) the trie finds, sorted.
    fn occurrences(trie: &Trie, words: &[Vec<u32>]) -> Vec<(u32, usize, usize)> {
        let mut got = Vec::new();
        trie.find(
            words.len(),
            |i| &words[i],
            |p, a, b| got.push((p, a, b)),
            &mut Vec::new(),
        );
        got.sort();
        got
    }

    #[test]
    fn finds_overlapping_patterns_and_alternative_terms() {
        let mut trie = Trie::default();
        trie.insert(&[1], 10);
        trie.insert(&[1, 2], 11);
        trie.insert(&[3, 2], 12);
        // word 0 carries terms 1 and 3 (a stem and a glob), word 1 term 2
        let words: Vec<Vec<u32>> = vec![vec![1, 3], vec![2], vec![1]];
        assert_eq!(
            occurrences(&trie, &words),
            [(10, 0, 1), (10, 2, 3), (11, 0, 2), (12, 0, 2)]
        );
    }

    #[test]
    fn finds_what_a_naive_scan_finds() {
        // patterns over terms 0..40 of length 1..4; each word carries 0..3 terms
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as u32
        };
        let patterns: Vec<Vec<u32>> = (0..300)
            .map(|_| (0..1 + next(4)).map(|_| next(40)).collect())
            .collect();
        let mut trie = Trie::default();
        for (id, p) in patterns.iter().enumerate() {
            trie.insert(p, id as u32);
        }
        for _ in 0..50 {
            // a word's terms are distinct (its stem's id and the globs it satisfies)
            let words: Vec<Vec<u32>> = (0..30)
                .map(|_| {
                    let mut w: Vec<u32> = (0..next(4)).map(|_| next(45)).collect();
                    w.sort_unstable();
                    w.dedup();
                    w
                })
                .collect();
            let got = occurrences(&trie, &words);
            let mut want = Vec::new();
            for (id, p) in patterns.iter().enumerate() {
                for first in 0..words.len() {
                    let fits = first + p.len() <= words.len()
                        && p.iter()
                            .enumerate()
                            .all(|(k, t)| words[first + k].contains(t));
                    if fits {
                        want.push((id as u32, first, first + p.len()));
                    }
                }
            }
            want.sort();
            assert_eq!(got, want);
        }
    }
}
