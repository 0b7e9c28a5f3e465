//! The detector.

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::hash::BuildHasher;
use tally_text::Normaliser;
use xxhash_rust::xxh3::xxh3_64;

/// Responses with fewer words are not considered.
pub const MIN_WORDS: usize = 12;
/// Groups with fewer members are not campaigns.
pub const MIN_MEMBERS: usize = 5;
const HASHES: usize = 36;
const BANDS: usize = 6;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 3;

/// A member's part in its campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The first response with the template's text.
    Template,
    /// The template, verbatim or lightly edited.
    Copy,
    /// The template with substantial text of the respondent's own.
    Variant,
}

impl Role {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Template => "template",
            Role::Copy => "copy",
            Role::Variant => "variant",
        }
    }
}

/// A response's campaign and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// Index in [`Campaigns::campaigns`].
    pub campaign: u32,
    /// Its role.
    pub role: Role,
}

// One shape from detection to the reports: the aggregator fills in `template_response_id`
// when it meets the template response; summary.md and run.json report it as it is (the
// doc comment below is the run.json schema's description).
/// An organised campaign found in the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "CampaignEntry")]
pub struct Campaign {
    /// `C1` …
    pub id: String,
    /// The question it answers.
    pub question: String,
    /// The caller's key of the template response (its position in the input; not reported).
    #[serde(skip)]
    #[schemars(skip)]
    pub template: u64,
    /// Members.
    pub members: u64,
    /// Copies, the template included.
    pub copies: u64,
    /// Variants adding their own text.
    pub variants: u64,
    /// The template response.
    pub template_response_id: String,
}

/// What was found.
#[derive(Debug, Clone, Default)]
pub struct Campaigns {
    /// The campaigns, in order of first member.
    pub campaigns: Vec<Campaign>,
    /// Each response's membership, indexed by its key (keys are positions in the input,
    /// so the table is dense: 4 bytes a response up to the last member, against ~20 in a
    /// hash map, and one load to look up): `campaign << 2 | role`, or [`NOT_A_MEMBER`].
    members: Vec<u32>,
    /// How many responses are members.
    member_count: usize,
}

/// No campaign, in [`Campaigns::members`].
const NOT_A_MEMBER: u32 = u32::MAX;

impl Role {
    fn code(self) -> u32 {
        match self {
            Role::Template => 0,
            Role::Copy => 1,
            Role::Variant => 2,
        }
    }

    fn from_code(code: u32) -> Role {
        match code {
            0 => Role::Template,
            1 => Role::Copy,
            _ => Role::Variant,
        }
    }
}

impl Campaigns {
    /// The campaign membership of the response with this key, if any.
    pub fn role(&self, key: u64) -> Option<Membership> {
        let m = *usize::try_from(key)
            .ok()
            .and_then(|k| self.members.get(k))?;
        (m != NOT_A_MEMBER).then(|| Membership {
            campaign: m >> 2,
            role: Role::from_code(m & 3),
        })
    }

    /// Number of responses in campaigns.
    pub fn member_count(&self) -> usize {
        self.member_count
    }
}

/// A campaign being assembled: its first member's key, itself, and its members' roles.
type Found = (u64, Campaign, Vec<(u64, Role)>);

/// The campaigns among one question's responses.
fn groups_of(question: &str, mut st: QuestionState) -> Vec<Found> {
    // the exact-text table is not needed to group: freed before the grouping's own memory
    drop(std::mem::take(&mut st.exact));
    join_bands(&mut st);
    drop(std::mem::take(&mut st.unbanded));
    large_groups(&mut st)
        .into_iter()
        .map(|members| campaign_of(question, &st.items, &members))
        .collect()
}

/// Joins the items that share a band's hash, one band at a time (the band hashes are
/// freed after).
fn join_bands(st: &mut QuestionState) {
    let bands = std::mem::take(&mut st.bands);
    let mut entries: Vec<Pair> = Vec::with_capacity(st.items.len() - st.unbanded.len());
    for b in 0..BANDS {
        entries.clear();
        let mut unbanded = st.unbanded.iter().copied().peekable();
        for (i, h) in bands.iter().enumerate() {
            if unbanded.next_if_eq(&(i as u32)).is_none() {
                entries.push(Pair::new(h[b], i as u32));
            }
        }
        entries.sort_unstable_by_key(|e| (e.value(), e.item));
        for run in entries.chunk_by(|a, b| a.value() == b.value()) {
            for e in &run[1..] {
                union(&mut st.items, run[0].item, e.item);
            }
        }
    }
}

/// The members (key, item) of each group large enough to be a campaign, by root: the
/// items in input order, then the repeats in input order (the first member is the group's
/// first response: a repeat always comes after its item).
fn large_groups(st: &mut QuestionState) -> Vec<Vec<(u64, u32)>> {
    let n = st.items.len();
    let roots: Vec<u32> = (0..n as u32).map(|i| find(&mut st.items, i)).collect();
    // a group's size counts its items and their repeats
    let mut size = vec![0u32; n];
    for &r in &roots {
        size[r as usize] += 1;
    }
    for rep in &st.repeats {
        size[roots[rep.item as usize] as usize] += 1;
    }
    let big = |item: u32| {
        let r = roots[item as usize];
        (size[r as usize] as usize >= MIN_MEMBERS).then_some(r)
    };
    let mut groups: FxHashMap<u32, Vec<(u64, u32)>> = FxHashMap::default();
    for (i, it) in st.items.iter().enumerate() {
        if let Some(r) = big(i as u32) {
            groups.entry(r).or_default().push((it.key, i as u32));
        }
    }
    for rep in &st.repeats {
        if let Some(r) = big(rep.item) {
            groups.entry(r).or_default().push((rep.value(), rep.item));
        }
    }
    let mut groups: Vec<(u32, Vec<(u64, u32)>)> = groups.into_iter().collect();
    groups.sort_unstable_by_key(|(root, _)| *root);
    groups.into_iter().map(|(_, members)| members).collect()
}

/// The campaign of one group's members: its template is the most frequent exact text (an
/// item and its repeats; ties to the earliest), each other member a copy or, when much
/// longer than the template, a variant.
fn campaign_of(question: &str, items: &[Item], members: &[(u64, u32)]) -> Found {
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    for &(_, item) in members {
        *counts.entry(item).or_insert(0) += 1;
    }
    let first = counts
        .iter()
        .max_by_key(|(&item, &c)| (c, std::cmp::Reverse(item)))
        .map_or(members[0].1, |(&item, _)| item);
    let template = &items[first as usize];
    let template_words = template.words as usize;
    let mut roles = Vec::with_capacity(members.len());
    let (mut copies, mut variants) = (0, 0);
    for &(key, item) in members {
        let w = items[item as usize].words as usize;
        let role = if key == template.key {
            Role::Template
        } else if w * 10 >= template_words * 13 && w >= template_words + 15 {
            Role::Variant
        } else {
            Role::Copy
        };
        match role {
            Role::Variant => variants += 1,
            _ => copies += 1,
        }
        roles.push((key, role));
    }
    (
        members[0].0,
        Campaign {
            id: String::new(),
            question: question.to_string(),
            template: template.key,
            members: members.len() as u64,
            copies,
            variants,
            template_response_id: String::new(),
        },
        roles,
    )
}

/// A distinct text (its first response): what the grouping needs of it.
struct Item {
    key: u64,
    exact: u64,
    parent: u32,
    words: u32,
}

/// A 64-bit value and an item number in 12 bytes (the value as two `u32` halves keeps the
/// alignment at 4, where a `u64` would pad the pair to 16). Two uses: a repeat (a later
/// response with an item's exact words: its key and the item; it needs no words, bands or
/// parent of its own, as it is in its item's campaign, with its item's length), and one
/// band's hash of an item, as the grouping sorts them band by band.
#[derive(Clone, Copy)]
struct Pair {
    value: [u32; 2],
    item: u32,
}

impl Pair {
    fn new(value: u64, item: u32) -> Pair {
        Pair {
            value: [(value >> 32) as u32, value as u32],
            item,
        }
    }

    fn value(&self) -> u64 {
        (u64::from(self.value[0]) << 32) | u64::from(self.value[1])
    }
}

/// One question's responses as the detector keeps them. Per distinct text 72 bytes (its
/// item and band hashes) and a slot in `exact`; per repeat of a text 12 bytes.
#[derive(Default)]
struct QuestionState {
    /// The distinct texts, in order of first sight.
    items: Vec<Item>,
    /// Each item's LSH band hashes (at its index).
    bands: Vec<[u64; BANDS]>,
    /// Items that came without band hashes (a signature made after its twin was inserted
    /// into another detector): they join others by their exact words only. Ascending.
    unbanded: Vec<u32>,
    /// The responses whose exact words an item already had, in input order: each its key
    /// and the item.
    repeats: Vec<Pair>,
    /// First item of each exact (normalised) text, found by its `exact` hash: a table of
    /// item numbers (5 bytes a slot), the hashes read from the items, rather than a map
    /// holding its own copy of each hash (17 bytes a slot).
    exact: HashTable<u32>,
}

/// Where an `exact` hash goes in [`QuestionState::exact`].
fn exact_hash(exact: u64) -> u64 {
    FxBuildHasher.hash_one(exact)
}

impl QuestionState {
    /// The first item with these exact words, if any.
    fn first_of(&self, exact: u64) -> Option<u32> {
        self.exact
            .find(exact_hash(exact), |&i| {
                self.items[i as usize].exact == exact
            })
            .copied()
    }
}

/// What the detector keeps of a response: a hash of its exact normalised words, its length
/// and its LSH band hashes (not computed when the same words were already seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    exact: u64,
    words: u32,
    bands: Option<[u64; BANDS]>,
}

/// Makes signatures: the normaliser and the fixed MinHash permutations, nothing that
/// changes. Share one between threads while a [`Detector`] takes the signatures in input
/// order on a thread of its own.
pub struct Signer {
    normaliser: Normaliser,
    /// The MinHash permutations `h * mul + add`, as two arrays (so the 36 run as vectors).
    perms: Perms,
}

/// Streaming campaign detector.
pub struct Detector {
    signer: Signer,
    questions: Vec<(String, QuestionState)>,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

fn find(items: &mut [Item], mut i: u32) -> u32 {
    while items[i as usize].parent != i {
        let p = items[i as usize].parent;
        items[i as usize].parent = items[p as usize].parent;
        i = p;
    }
    i
}

fn union(items: &mut [Item], a: u32, b: u32) {
    let (ra, rb) = (find(items, a), find(items, b));
    if ra != rb {
        // the earlier item is the root: deterministic whatever the order of unions
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        items[hi as usize].parent = lo;
    }
}

thread_local! {
    /// Word hashes of the text being signed (reused: no allocation per response).
    static WORDS: std::cell::RefCell<Vec<u64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The MinHash permutations.
struct Perms {
    mul: [u64; HASHES],
    add: [u64; HASHES],
}

/// The MinHash signature of a text's word hashes: for each permutation, the least
/// `h * mul + add` over the hashes `h` of its word triples. Compiled again for AVX-512 and
/// AVX2, chosen at run time (same results: wrapping integer arithmetic).
#[multiversion::multiversion(targets("x86_64+avx512f+avx512dq+avx512vl", "x86_64+avx2"))]
fn minhash(words: &[u64], perms: &Perms) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for window in words.windows(SHINGLE) {
        let h = window
            .iter()
            .fold(0u64, |h, w| h.rotate_left(21) ^ w)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for ((s, &mul), &add) in sig.iter_mut().zip(&perms.mul).zip(&perms.add) {
            *s = (*s).min(h.wrapping_mul(mul).wrapping_add(add));
        }
    }
    sig
}

impl Default for Signer {
    fn default() -> Self {
        Self::new()
    }
}

impl Signer {
    /// A signer with fixed hash permutations (deterministic: every signer makes the same
    /// signatures).
    pub fn new() -> Self {
        let mut perms = Perms {
            mul: [0; HASHES],
            add: [0; HASHES],
        };
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for (mul, add) in perms.mul.iter_mut().zip(&mut perms.add) {
            // splitmix64 stream: fixed constants, not randomness
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            *mul = (z ^ (z >> 31)) | 1;
            *add = z.rotate_left(17);
        }
        Signer {
            normaliser: Normaliser::new(),
            perms,
        }
    }

    /// The signature of `text` with its band hashes, or `None` when it is too short to
    /// consider. Pure: call it from any thread, then [`Detector::insert`] in input order.
    pub fn sign(&self, text: &str) -> Option<Signature> {
        self.sign_unless(text, |_| false)
    }

    /// [`Signer::sign`], leaving out the band hashes when `known` says the exact words were
    /// seen before.
    fn sign_unless(&self, text: &str, known: impl FnOnce(u64) -> bool) -> Option<Signature> {
        WORDS.with_borrow_mut(|words| {
            words.clear();
            self.normaliser
                .words(text, |_, _, w| words.push(xxh3_64(w.as_bytes())));
            if words.len() < MIN_WORDS {
                return None;
            }
            let exact = words.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, w| {
                (h ^ w).wrapping_mul(0x100_0000_01b3)
            });
            Some(Signature {
                exact,
                words: words.len() as u32,
                bands: (!known(exact)).then(|| self.bands(words)),
            })
        })
    }

    /// MinHash over the word triples, cut into LSH band hashes.
    fn bands(&self, words: &[u64]) -> [u64; BANDS] {
        let sig = minhash(words, &self.perms);
        let mut bands = [0u64; BANDS];
        for (b, band) in sig.chunks(ROWS).enumerate() {
            bands[b] = band
                .iter()
                .fold(b as u64, |h, v| xxh3_64(&(h ^ v).to_le_bytes()));
        }
        bands
    }
}

impl Detector {
    /// A detector with fixed hash permutations (deterministic).
    pub fn new() -> Self {
        Detector {
            signer: Signer::new(),
            questions: Vec::new(),
        }
    }

    /// Adds a response; `key` is its position in the input (0, 1, 2 …: memberships are
    /// kept in a table indexed by it).
    pub fn add(&mut self, key: u64, question: &str, text: &str) {
        if let Some(sig) = self.signature(question, text) {
            self.insert(key, question, &sig);
        }
    }

    /// The signature of a text answering `question`, or `None` when it is too short to
    /// consider. Pure: call it from any thread, then [`Detector::insert`] in input order
    /// into this detector. A text whose exact words were already inserted for the question
    /// gets no band hashes (the MinHash is skipped: it joins its earlier twin).
    pub fn signature(&self, question: &str, text: &str) -> Option<Signature> {
        self.signer.sign_unless(text, |exact| {
            self.questions
                .iter()
                .find(|(id, _)| id == question)
                .is_some_and(|(_, st)| st.first_of(exact).is_some())
        })
    }

    /// Adds a response by its signature (made by this detector's [`Detector::signature`] or
    /// by a [`Signer`]); `key` as for [`Detector::add`].
    pub fn insert(&mut self, key: u64, question: &str, sig: &Signature) {
        let q = match self.questions.iter().position(|(id, _)| id == question) {
            Some(q) => q,
            None => {
                self.questions
                    .push((question.to_string(), QuestionState::default()));
                self.questions.len() - 1
            }
        };
        let st = &mut self.questions[q].1;
        if let Some(first) = st.first_of(sig.exact) {
            st.repeats.push(Pair::new(key, first));
            return;
        }
        let idx = st.items.len() as u32;
        st.items.push(Item {
            key,
            exact: sig.exact,
            parent: idx,
            words: sig.words,
        });
        let items = &st.items;
        st.exact.insert_unique(exact_hash(sig.exact), idx, |&i| {
            exact_hash(items[i as usize].exact)
        });
        // a signature made before its twin was inserted has bands; one made after has none
        // and is a repeat here, unless its twin went into another detector
        match sig.bands {
            Some(bands) => st.bands.push(bands),
            None => {
                st.bands.push([0; BANDS]);
                st.unbanded.push(idx);
            }
        }
    }

    /// Groups the responses into campaigns.
    pub fn finish(self) -> Campaigns {
        let mut out = Campaigns::default();
        // (key of the first member, the campaign, each member's key and role); the questions
        // are independent, so they are grouped in parallel
        let mut found: Vec<Found> = self
            .questions
            .into_par_iter()
            .flat_map_iter(|(question, st)| groups_of(&question, st))
            .collect();
        found.sort_by_key(|(first, c, _)| (*first, c.question.clone()));
        for (i, (_, mut c, roles)) in found.into_iter().enumerate() {
            c.id = format!("C{}", i + 1);
            for (key, role) in roles {
                let k = key as usize;
                if out.members.len() <= k {
                    out.members.resize(k + 1, NOT_A_MEMBER);
                }
                out.members[k] = (i as u32) << 2 | role.code();
                out.member_count += 1;
            }
            out.campaigns.push(c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "We call on the government to cap caseloads at a safe level, introduce a national pay scale for children's social workers, and restore the two point six billion pounds the review said was needed.";

    #[test]
    fn finds_copies_edits_and_variants_but_not_ordinary_answers() {
        let mut d = Detector::new();
        let mut k = 0;
        let mut add = |d: &mut Detector, t: &str| {
            d.add(k, "Q5", t);
            k += 1;
        };
        for _ in 0..6 {
            add(&mut d, T);
        }
        add(&mut d, &T.to_lowercase());
        add(&mut d, &T.replace("safe", "sensible"));
        add(&mut d, &T.replace("national", "nationl"));
        let own = format!("{T} I have been a social worker for twelve years and I have watched three of my closest colleagues leave the profession because the caseloads made it impossible to do the job properly.");
        add(&mut d, &own);
        for t in [
            "Caseloads are far too high in my team and we cannot do direct work with families any more.",
            "Better supervision and a manager who actually listens would keep me in the job for years to come.",
            "Agree.",
            "N/A",
        ] {
            add(&mut d, t);
        }
        let found = d.finish();
        assert_eq!(found.campaigns.len(), 1, "{:?}", found.campaigns);
        let c = &found.campaigns[0];
        assert_eq!((c.members, c.copies, c.variants), (10, 9, 1));
        assert_eq!(found.role(0).map(|m| m.role), Some(Role::Template));
        assert_eq!(found.role(7).map(|m| m.role), Some(Role::Copy));
        assert_eq!(found.role(9).map(|m| m.role), Some(Role::Variant));
        for k in 10..14 {
            assert_eq!(found.role(k), None);
        }
    }

    #[test]
    fn a_repeat_of_known_words_skips_the_minhash() {
        let mut d = Detector::new();
        let first = d.signature("Q5", T).expect("long enough");
        assert!(first.bands.is_some());
        d.insert(0, "Q5", &first);
        let again = d.signature("Q5", &T.to_uppercase()).expect("long enough");
        assert_eq!((again.bands, again.exact), (None, first.exact));
        assert!(d.signature("Q6", T).expect("long enough").bands.is_some());
        assert_eq!(d.signature("Q5", "Too short to count."), None);
        // a signer knows nothing inserted: it always makes the bands, the same ones
        assert_eq!(Signer::new().sign(&T.to_uppercase()), Some(first));
    }

    #[test]
    fn signatures_from_a_signer_find_the_same_campaigns() {
        let texts: Vec<(&str, String)> = (0..80u64)
            .map(|k| {
                let q = if k % 2 == 0 { "Q1" } else { "Q2" };
                let t = match k % 8 {
                    0..=3 => T.to_string(),
                    4 | 5 => format!("{T} and number {k} adds a word or two"),
                    _ => format!(
                        "An answer of its own, number {k}, about caseloads and pay in my area."
                    ),
                };
                (q, t)
            })
            .collect();
        let mut added = Detector::new();
        let (signer, mut inserted) = (Signer::new(), Detector::new());
        for (k, (q, t)) in texts.iter().enumerate() {
            added.add(k as u64, q, t);
            if let Some(sig) = signer.sign(t) {
                inserted.insert(k as u64, q, &sig);
            }
        }
        let (a, b) = (added.finish(), inserted.finish());
        assert_eq!(a.campaigns.len(), 2);
        let roles = |f: &Campaigns| (0..80).map(|k| f.role(k)).collect::<Vec<_>>();
        assert_eq!(roles(&a), roles(&b));
        let summary = |f: &Campaigns| {
            f.campaigns
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        c.question.clone(),
                        c.members,
                        c.copies,
                        c.variants,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(summary(&a), summary(&b));
    }

    #[test]
    fn the_template_is_the_most_frequent_text_ties_to_the_earliest() {
        let edit = T.replace("safe", "sensible");
        let other = "An answer of its own about caseloads and pay in my part of the country.";
        let run = |texts: &[&str]| {
            let mut d = Detector::new();
            for (k, t) in texts.iter().enumerate() {
                d.add(k as u64, "Q1", t);
            }
            d.finish()
        };
        // the edit comes first, but the template's words are the most frequent
        let found = run(&[&edit, T, &edit, T, T, other, T]);
        assert_eq!(found.campaigns.len(), 1);
        let c = &found.campaigns[0];
        assert_eq!((c.template, c.members, c.copies, c.variants), (1, 6, 6, 0));
        let roles: Vec<_> = (0..7).map(|k| found.role(k).map(|m| m.role)).collect();
        let copy = Some(Role::Copy);
        assert_eq!(
            roles,
            [copy, Some(Role::Template), copy, copy, copy, None, copy]
        );
        // two texts twice each: the earlier one is the template
        let variant = format!(
            "{T} {}",
            "and I would add a good many words of my own here".repeat(2)
        );
        let found = run(&[&edit, T, &edit, T, &variant]);
        let c = &found.campaigns[0];
        assert_eq!((c.template, c.members, c.copies, c.variants), (0, 5, 4, 1));
        assert_eq!(found.role(4).map(|m| m.role), Some(Role::Variant));
    }

    #[test]
    fn campaigns_are_numbered_by_their_first_member_not_their_template() {
        // the edit (key 0) opens T's campaign, whose template is T's first copy (key 2);
        // U's campaign opens, with its template, at key 1
        let edit = T.replace("safe", "sensible");
        let u = "Please fund kinship carers properly with a national allowance paid at the same rate as foster carers in every local authority area.";
        let mut d = Detector::new();
        let texts = [&edit, u, T, u, T, u, T, u, T, u];
        for (k, t) in texts.iter().enumerate() {
            d.add(k as u64, "Q3", t);
        }
        let found = d.finish();
        let got: Vec<_> = found
            .campaigns
            .iter()
            .map(|c| (c.id.as_str(), c.template, c.members))
            .collect();
        assert_eq!(got, [("C1", 2, 5), ("C2", 1, 5)]);
        assert_eq!(
            found.role(0).map(|m| (m.campaign, m.role)),
            Some((0, Role::Copy))
        );
        assert_eq!(
            found.role(9).map(|m| (m.campaign, m.role)),
            Some((1, Role::Copy))
        );
    }

    #[test]
    fn a_text_signed_without_bands_joins_its_exact_twins_only() {
        // a signature made by a detector that had seen the text has no band hashes; in a
        // detector that has not, the text can be joined by its exact words, not by bands
        let own = "A long answer of my own about the pay and caseloads of social workers in the north of England.";
        let mut seen = Detector::new();
        seen.add(0, "Q1", T);
        seen.add(1, "Q1", own);
        let bare = seen.signature("Q1", T).expect("long enough");
        let bare_own = seen.signature("Q1", own).expect("long enough");
        assert_eq!((bare.bands, bare_own.bands), (None, None));
        let edit = T.replace("safe", "sensible");
        let mut d = Detector::new();
        d.insert(0, "Q1", &bare);
        for k in 1..5 {
            d.add(k, "Q1", T);
        }
        for k in 5..10 {
            d.add(k, "Q1", &edit);
        }
        d.insert(10, "Q1", &bare_own);
        for k in 11..15 {
            d.add(k, "Q1", own);
        }
        let found = d.finish();
        let members: Vec<_> = found
            .campaigns
            .iter()
            .map(|c| (c.template, c.members))
            .collect();
        assert_eq!(members, [(0, 5), (5, 5), (10, 5)]);
        // with bands, the edit joins the text's campaign
        let mut d = Detector::new();
        for k in 0..5 {
            d.add(k, "Q1", T);
        }
        for k in 5..10 {
            d.add(k, "Q1", &edit);
        }
        let found = d.finish();
        assert_eq!(found.campaigns.len(), 1);
        assert_eq!(found.campaigns[0].members, 10);
    }

    #[test]
    fn what_is_kept_per_response_stays_small() {
        // the detector's memory is these records times the responses (BENCHMARKS.md, "Memory")
        assert_eq!(std::mem::size_of::<Pair>(), 12);
        assert_eq!(std::mem::size_of::<Item>(), 24);
        assert_eq!(std::mem::size_of::<[u64; BANDS]>(), 48);
        for v in [0, 9, 1 << 40 | 9, u64::MAX - 5, u64::MAX] {
            let p = Pair::new(v, 7);
            assert_eq!((p.value(), p.item), (v, 7));
        }
    }

    #[test]
    fn campaigns_are_per_question_and_need_enough_members() {
        let mut d = Detector::new();
        for k in 0..4 {
            d.add(k, "Q5", T);
        }
        for k in 4..9 {
            d.add(k, "Q6", T);
        }
        let found = d.finish();
        assert_eq!(found.campaigns.len(), 1);
        assert_eq!(found.campaigns[0].question, "Q6");
        assert_eq!(found.campaigns[0].id, "C1");
    }

    #[test]
    fn deterministic_whatever_the_run() {
        let build = || {
            let mut d = Detector::new();
            for k in 0..30u64 {
                let t = if k % 3 == 0 {
                    T.to_string()
                } else {
                    format!("{T} extra words number {k} here")
                };
                d.add(k, "Q1", &t);
            }
            let f = d.finish();
            (0..30).map(|k| f.role(k)).collect::<Vec<_>>()
        };
        assert_eq!(build(), build());
    }

    #[test]
    fn band_hashes_are_fixed() {
        // the values written here were made by the scalar code before the vectorised
        // MinHash: any machine, any code path must give them (they decide campaigns)
        let sig = Detector::new().signature("Q1", T).expect("long enough");
        let want = [
            6029587452729232798,
            2063812531002127589,
            13990483403619069010,
            4408873910531283768,
            1409716065264102118,
            4936387542683006235,
        ];
        assert_eq!(sig.bands, Some(want));
    }
}
