//! The streaming aggregator.

use rustc_hash::FxHashMap;
use tally_campaign::Campaign;

use tally_code::ThemeHit;
use tally_ingest::{ClosedAnswer, Ids, Response};

use crate::closed::{ClosedAcc, ClosedKind};
use crate::quote::{quote_candidates, QuoteCandidate, QuoteCells};
use crate::summary::{
    CampaignSummary, Cell, OverallSummary, QuestionSummary, Summary, ThemeResult,
};

/// Settings that change the numbers or quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Quotes per question and theme.
    pub quotes: usize,
    /// Cells with a count or base under this are flagged as small.
    pub small_cell: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            quotes: 3,
            small_cell: 5,
        }
    }
}

/// A question as the aggregator needs it.
#[derive(Debug, Clone)]
pub struct QuestionInfo {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Allowed closed answers and their verbs, in order (empty for open questions).
    pub answers: Vec<(String, String)>,
    /// How the closed answers are counted: one answer, a multi-select or a grid.
    pub closed: ClosedKind,
}

/// A theme as the aggregator needs it.
#[derive(Debug, Clone)]
pub struct ThemeInfo {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Headline predicate.
    pub statement: String,
    /// The questions its rules can raise it in (`None`: every question).
    pub questions: Option<Vec<String>>,
}

/// What is kept per respondent (at their slot, the order they were first seen in): their
/// type, and whether they gave any free text — all, and counted the main way. Their theme bit
/// sets are at the same slot in `Aggregator::bits`.
#[derive(Debug)]
struct RespondentAcc {
    ty: u32,
    answered: bool,
    main_answered: bool,
}

impl From<&tally_code::Theme> for ThemeInfo {
    /// A codebook theme's id, label and headline statement.
    fn from(t: &tally_code::Theme) -> Self {
        ThemeInfo {
            id: t.id.clone(),
            label: t.label.clone(),
            statement: t.statement.clone(),
            questions: theme_scope(t),
        }
    }
}

/// The questions any rule of `t` applies to (a rule's own scope replaces its theme's);
/// `None` when some rule applies to every question.
fn theme_scope(t: &tally_code::Theme) -> Option<Vec<String>> {
    let mut all: Vec<String> = Vec::new();
    for r in &t.rules {
        all.extend(
            r.questions
                .as_ref()
                .or(t.questions.as_ref())?
                .iter()
                .cloned(),
        );
    }
    if t.rules.is_empty() {
        all.extend(t.questions.as_ref()?.iter().cloned());
    }
    all.sort();
    all.dedup();
    Some(all)
}

/// How one response stands towards campaigns and the main count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// Index of its campaign, if it is in one.
    pub campaign: Option<u32>,
    /// Whether it is its campaign's template response.
    pub template: bool,
    /// Whether it counts in the main figures (see the `--campaigns` setting).
    pub main: bool,
}

impl Membership {
    /// A response in no campaign.
    pub const NONE: Membership = Membership {
        campaign: None,
        template: false,
        main: true,
    };
}

#[derive(Debug, Default)]
struct CampaignAcc {
    by_type: Vec<u64>,
    template: Option<(String, String, Vec<usize>)>,
}

#[derive(Debug, Default)]
struct QuestionAcc {
    base: Vec<u64>,        // [type]
    themes: Vec<Vec<u64>>, // [theme][type]
    closed: ClosedAcc,
    quotes: QuoteCells,
    main_base: Vec<u64>,        // [type]
    main_themes: Vec<Vec<u64>>, // [theme][type]
    /// Respondents whose answer raised some theme: all, and counted the main way.
    themed: u64,
    main_themed: u64,
}

/// Accumulates counts and candidate quotes, one response at a time.
#[derive(Debug)]
pub struct Aggregator {
    settings: Settings,
    questions: Vec<QuestionInfo>,
    q_index: FxHashMap<String, usize>,
    themes: Vec<ThemeInfo>,
    types: Vec<String>,
    declared_types: usize,
    t_index: FxHashMap<String, usize>,
    acc: Vec<QuestionAcc>,
    /// Each respondent's slot: their number among the ids, in order of first sight.
    respondents: Ids,
    /// Per respondent slot.
    accs: Vec<RespondentAcc>,
    /// The last respondent looked up, and their slot: a respondent's answers come one after
    /// another (a row of a survey export), so most answers find their respondent here.
    last_respondent: Option<(String, u32)>,
    /// Per respondent slot, two theme bit sets of `words` words each:
    /// one flat vector instead of two allocations per respondent.
    bits: Vec<u64>,
    words: usize,
    responses: u64,
    coded: u64,
    /// The last (respondent, question) counted and the themes counted for it: a response
    /// that follows from the same respondent to the same question (an email's attachment)
    /// joins it instead of counting the respondent twice.
    last: Option<(String, usize, Vec<bool>, bool)>,
    /// The last (respondent, question) a multi-select option was counted for: their next
    /// options to it do not enter the base again.
    last_option: Option<(String, usize)>,
    campaigns: Vec<(Campaign, CampaignAcc)>,
}

fn grow(v: &mut Vec<u64>, n: usize) {
    if v.len() < n {
        v.resize(n, 0);
    }
}

impl Aggregator {
    /// An aggregator for these questions, declared respondent types and themes.
    pub fn new(
        questions: Vec<QuestionInfo>,
        declared_types: Vec<String>,
        themes: Vec<ThemeInfo>,
        settings: Settings,
    ) -> Self {
        // words per theme bit set
        let words = themes.len().div_ceil(64).max(1);
        let mut a = Aggregator {
            settings,
            q_index: FxHashMap::default(),
            questions: Vec::new(),
            declared_types: declared_types.len(),
            t_index: declared_types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.clone(), i))
                .collect(),
            types: declared_types,
            themes,
            acc: Vec::new(),
            respondents: Ids::default(),
            accs: Vec::new(),
            last_respondent: None,
            bits: Vec::new(),
            words,
            responses: 0,
            coded: 0,
            last: None,
            last_option: None,
            campaigns: Vec::new(),
        };
        for q in questions {
            a.question(&q.id, Some(q.clone()));
        }
        a
    }

    fn question(&mut self, id: &str, info: Option<QuestionInfo>) -> usize {
        if let Some(&i) = self.q_index.get(id) {
            return i;
        }
        let info = info.unwrap_or_else(|| QuestionInfo {
            id: id.to_string(),
            text: id.to_string(),
            answers: Vec::new(),
            closed: ClosedKind::Single,
        });
        let i = self.questions.len();
        self.acc.push(QuestionAcc {
            base: Vec::new(),
            themes: vec![Vec::new(); self.themes.len()],
            closed: ClosedAcc::default(),
            quotes: QuoteCells::new(self.themes.len()),
            main_base: Vec::new(),
            main_themes: vec![Vec::new(); self.themes.len()],
            themed: 0,
            main_themed: 0,
        });
        self.questions.push(info);
        self.q_index.insert(id.to_string(), i);
        i
    }

    fn type_index(&mut self, t: &str) -> usize {
        if let Some(&i) = self.t_index.get(t) {
            return i;
        }
        let i = self.types.len();
        self.types.push(t.to_string());
        self.t_index.insert(t.to_string(), i);
        i
    }

    /// The respondent's slot, made on first sight (the id is copied only then).
    fn respondent(&mut self, id: &str, ty: usize) -> usize {
        if let Some((who, slot)) = &self.last_respondent {
            if who == id {
                return *slot as usize;
            }
        }
        let (n, new) = self.respondents.number(id);
        if new {
            self.accs.push(RespondentAcc {
                ty: ty as u32,
                answered: false,
                main_answered: false,
            });
            self.bits.resize(self.bits.len() + 2 * self.words, 0);
        }
        let slot = n as u32;
        let (who, at) = self
            .last_respondent
            .get_or_insert_with(|| (String::new(), 0));
        who.clear();
        who.push_str(id);
        *at = slot;
        slot as usize
    }

    /// Adds a closed answer (or a blank one). A blank answer does not make its
    /// respondent one of the respondents counted.
    pub fn add_closed(&mut self, c: &ClosedAnswer) {
        let q = self.question(&c.question, None);
        let ty = self.type_index(&c.respondent_type);
        let info = &self.questions[q];
        let item = match (&info.closed, &c.item) {
            (ClosedKind::Grid(items), Some(i)) => items.iter().position(|x| x == i),
            (ClosedKind::Grid(_), None) => None,
            _ => Some(0),
        };
        let Some(item) = item else {
            return; // ingest only passes declared items
        };
        let Some(answer) = &c.answer else {
            self.acc[q].closed.blank(item, ty);
            return;
        };
        let Some(a) = info.answers.iter().position(|(v, _)| v == answer) else {
            return; // ingest only passes allowed answers
        };
        let answers = info.answers.len();
        let new = if info.closed == ClosedKind::Multi {
            let seen = self
                .last_option
                .as_ref()
                .is_some_and(|(who, lq)| *who == c.respondent && *lq == q);
            if !seen {
                let (who, lq) = self.last_option.get_or_insert_with(|| (String::new(), q));
                who.clear();
                who.push_str(&c.respondent);
                *lq = q;
            }
            !seen
        } else {
            true
        };
        self.respondent(&c.respondent, ty);
        self.acc[q].closed.answer(item, a, answers, ty, new);
    }

    /// Adds a free-text response and the themes it was coded with.
    pub fn add_response(&mut self, r: &Response, hits: &[ThemeHit]) {
        let candidates = if self.settings.quotes == 0 {
            Vec::new()
        } else {
            quote_candidates(r, hits)
        };
        self.add_coded(r, hits, candidates, Membership::NONE);
    }

    /// Sets the campaigns found before aggregation; responses then name theirs by index.
    pub fn set_campaigns(&mut self, campaigns: Vec<Campaign>) {
        self.campaigns = campaigns
            .into_iter()
            .map(|c| (c, CampaignAcc::default()))
            .collect();
    }

    /// Adds a response with quote candidates already made by [`quote_candidates`] (which
    /// needs no aggregator, so it can run in parallel).
    pub fn add_coded(
        &mut self,
        r: &Response,
        hits: &[ThemeHit],
        candidates: Vec<QuoteCandidate>,
        member: Membership,
    ) {
        self.responses += 1;
        if !hits.is_empty() {
            self.coded += 1;
        }
        let q = self.question(&r.question, None);
        let ty = self.type_index(&r.respondent_type);
        let slot = self.respondent(&r.respondent, ty);
        let entry = &mut self.accs[slot];
        entry.answered = true;
        entry.main_answered |= member.main;
        let at = slot * 2 * self.words;
        let (themes, main_themes) = self.bits[at..at + 2 * self.words].split_at_mut(self.words);
        for h in hits {
            let t = h.theme as usize;
            themes[t / 64] |= 1 << (t % 64);
            if member.main {
                main_themes[t / 64] |= 1 << (t % 64);
            }
        }
        let same = self
            .last
            .as_ref()
            .is_some_and(|(who, lq, _, _)| *who == r.respondent && *lq == q);
        if !same {
            // the last answer's record, reused: no allocation per answer
            let (who, lq, counted, main) = self
                .last
                .get_or_insert_with(|| (String::new(), q, Vec::new(), false));
            who.clear();
            who.push_str(&r.respondent);
            *lq = q;
            counted.clear();
            counted.resize(self.themes.len(), false);
            *main = member.main;
        }
        // a respondent's second response to the question (an email's attachment) counts
        // the way the first did, so the headline's themes never outnumber its base
        let (_, _, counted, first_main) = self.last.as_mut().expect("set above");
        let main = *first_main;
        let acc = &mut self.acc[q];
        if !same {
            grow(&mut acc.base, ty + 1);
            acc.base[ty] += 1;
            grow(&mut acc.main_base, ty + 1);
            acc.main_base[ty] += u64::from(member.main);
        }
        // the first theme counted for this respondent's answer
        let already_themed = same && counted.contains(&true);
        if !hits.is_empty() && !already_themed {
            acc.themed += 1;
            acc.main_themed += u64::from(main);
        }
        for h in hits {
            let t = h.theme as usize;
            if !std::mem::replace(&mut counted[t], true) {
                grow(&mut acc.themes[t], ty + 1);
                acc.themes[t][ty] += 1;
                grow(&mut acc.main_themes[t], ty + 1);
                acc.main_themes[t][ty] += u64::from(main);
            }
        }
        if let Some((_, camp)) = member
            .campaign
            .and_then(|c| self.campaigns.get_mut(c as usize))
        {
            grow(&mut camp.by_type, ty + 1);
            camp.by_type[ty] += 1;
            if member.template && camp.template.is_none() {
                camp.template = Some((
                    r.id.to_string(),
                    r.text.clone(),
                    hits.iter().map(|h| h.theme as usize).collect(),
                ));
            }
        }
        for c in candidates {
            self.acc[q].quotes.offer(r, ty, c, self.settings.quotes);
        }
    }

    /// The finished summary.
    pub fn finish(mut self) -> Summary {
        // breakdown order: declared types, then the others alphabetically
        let mut order: Vec<usize> = (0..self.types.len()).collect();
        order[self.declared_types..].sort_by(|&a, &b| self.types[a].cmp(&self.types[b]));
        let types: Vec<String> = order.iter().map(|&i| self.types[i].clone()).collect();
        let accs = std::mem::take(&mut self.acc);
        let questions = self
            .questions
            .iter()
            .zip(accs)
            .map(|(info, acc)| self.question_summary(&order, info, acc))
            .collect();
        let overall = self.overall(&order);
        let by_type = |v: &[u64]| by_type(&order, v);
        let campaigns = self
            .campaigns
            .iter()
            .map(|(info, acc)| {
                let (template_response_id, template_text, themes) =
                    acc.template.clone().unwrap_or_default();
                CampaignSummary {
                    campaign: Campaign {
                        template_response_id,
                        ..info.clone()
                    },
                    template_text,
                    themes,
                    by_type: by_type(&acc.by_type),
                }
            })
            .collect();
        Summary {
            types,
            themes: self
                .themes
                .iter()
                .map(|t| (t.id.clone(), t.label.clone(), t.statement.clone()))
                .collect(),
            questions,
            overall,
            respondents: self.respondents.len() as u64,
            coded_responses: self.coded,
            responses: self.responses,
            small_cell: self.settings.small_cell,
            campaigns,
            estimates: Default::default(),
        }
    }
}

/// `v` (indexed by type as first met) in breakdown order.
fn by_type(order: &[usize], v: &[u64]) -> Vec<u64> {
    order
        .iter()
        .map(|&i| v.get(i).copied().unwrap_or(0))
        .collect()
}

/// Cells of counts over bases, pairwise.
fn cells(counts: &[u64], bases: &[u64]) -> Vec<Cell> {
    counts
        .iter()
        .zip(bases)
        .map(|(&count, &base)| Cell { count, base })
        .collect()
}

/// A theme's result from its counts by type (all, and counted the main way).
fn theme_result(
    theme: usize,
    counts: &[u64],
    bases: &[u64],
    main: &[u64],
    main_bases: &[u64],
) -> ThemeResult {
    let total = |v: &[u64]| v.iter().sum::<u64>();
    ThemeResult {
        theme,
        total: Cell {
            count: total(counts),
            base: total(bases),
        },
        by_type: cells(counts, bases),
        main: Cell {
            count: total(main),
            base: total(main_bases),
        },
        main_by_type: cells(main, main_bases),
        in_scope: true,
        quotes: Vec::new(),
    }
}

impl Aggregator {
    /// One question's summary: closed tallies, theme counts and the quotes.
    fn question_summary(
        &self,
        order: &[usize],
        info: &QuestionInfo,
        acc: QuestionAcc,
    ) -> QuestionSummary {
        let base_by_type = by_type(order, &acc.base);
        let main_base_by_type = by_type(order, &acc.main_base);
        let base: u64 = base_by_type.iter().sum();
        let main_base: u64 = main_base_by_type.iter().sum();
        let mut themes: Vec<ThemeResult> = acc
            .themes
            .iter()
            .zip(&acc.main_themes)
            .enumerate()
            .map(|(t, (counts, main))| {
                let mut r = theme_result(
                    t,
                    &by_type(order, counts),
                    &base_by_type,
                    &by_type(order, main),
                    &main_base_by_type,
                );
                r.in_scope = self.themes[t]
                    .questions
                    .as_ref()
                    .is_none_or(|qs| qs.contains(&info.id));
                r
            })
            .collect();
        acc.quotes.assign(&mut themes, self.settings.quotes);
        let (closed, not_answered) =
            acc.closed
                .finish(&info.closed, &info.answers, &|v: &[u64]| by_type(order, v));
        QuestionSummary {
            id: info.id.clone(),
            text: info.text.clone(),
            closed,
            closed_kind: info.closed.clone(),
            not_answered,
            no_theme: Cell {
                count: base - acc.themed,
                base,
            },
            main_no_theme: Cell {
                count: main_base - acc.main_themed,
                base: main_base,
            },
            base,
            base_by_type,
            main_base,
            main_base_by_type,
            themes,
        }
    }

    /// Respondent-level results across all questions.
    fn overall(&self, order: &[usize]) -> OverallSummary {
        let types = self.types.len();
        let mut base_raw = vec![0u64; types];
        let mut main_base_raw = vec![0u64; types];
        let mut theme_raw = vec![vec![0u64; types]; self.themes.len()];
        let mut main_raw = vec![vec![0u64; types]; self.themes.len()];
        for (slot, r) in self.accs.iter().enumerate().filter(|(_, r)| r.answered) {
            let at = slot * 2 * self.words;
            let (themes, main_themes) = self.bits[at..at + 2 * self.words].split_at(self.words);
            let ty = r.ty as usize;
            base_raw[ty] += 1;
            main_base_raw[ty] += u64::from(r.main_answered);
            for (t, (row, main_row)) in theme_raw.iter_mut().zip(&mut main_raw).enumerate() {
                if themes[t / 64] & (1 << (t % 64)) != 0 {
                    row[ty] += 1;
                }
                if main_themes[t / 64] & (1 << (t % 64)) != 0 {
                    main_row[ty] += 1;
                }
            }
        }
        let base_by_type = by_type(order, &base_raw);
        let main_base_by_type = by_type(order, &main_base_raw);
        OverallSummary {
            base: base_by_type.iter().sum(),
            main_base: main_base_by_type.iter().sum(),
            themes: theme_raw
                .iter()
                .zip(&main_raw)
                .enumerate()
                .map(|(t, (row, main))| {
                    theme_result(
                        t,
                        &by_type(order, row),
                        &base_by_type,
                        &by_type(order, main),
                        &main_base_by_type,
                    )
                })
                .collect(),
            base_by_type,
            main_base_by_type,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tally_code::Evidence;

    fn response(id: &str, q: &str, ty: &str, text: &str) -> Response {
        Response {
            id: id.into(),
            respondent: id.split(':').next().unwrap_or(id).into(),
            question: q.into(),
            respondent_type: ty.into(),
            text: text.into(),
            source: "f.csv".into(),
            line: 1,
        }
    }

    fn hit(theme: u32, text: &str, ev: &str) -> ThemeHit {
        let s = text.find(ev).unwrap() as u32;
        ThemeHit {
            theme,
            evidence: vec![Evidence {
                start: s,
                end: s + ev.len() as u32,
                rule: 0,
                patterns: [0, u32::MAX],
            }],
            score: None,
        }
    }

    fn agg() -> Aggregator {
        Aggregator::new(
            vec![QuestionInfo {
                id: "Q1".into(),
                text: "Agree?".into(),
                answers: vec![
                    ("Agree".into(), "agreed".into()),
                    ("Disagree".into(), "disagreed".into()),
                ],
                closed: ClosedKind::Single,
            }],
            vec!["Parent".into(), "Council".into()],
            vec![ThemeInfo {
                id: "funding".into(),
                label: "Funding".into(),
                statement: "said more funding".into(),
                questions: None,
            }],
            Settings {
                quotes: 2,
                small_cell: 5,
            },
        )
    }

    #[test]
    fn a_respondent_who_comes_back_after_another_is_the_same_respondent() {
        let mut a = agg();
        let answers = [
            ("R1:Q1", "Q1", "Parent", "No comment."),
            ("R2:Q1", "Q1", "Parent", "No comment."),
            ("R1:Q2", "Q2", "Parent", "More funding, please."),
            ("R2:Q2", "Q2", "Parent", "Nothing to add."),
            ("R1:Q3", "Q3", "Parent", "Again: funding."),
        ];
        for (id, q, ty, text) in answers {
            let hits = if text.contains("funding") {
                vec![hit(0, text, "funding")]
            } else {
                vec![]
            };
            a.add_response(&response(id, q, ty, text), &hits);
        }
        let s = a.finish();
        assert_eq!(s.respondents, 2);
        assert_eq!(s.overall.base, 2);
        assert_eq!(s.overall.themes[0].total, Cell { count: 1, base: 2 });
    }

    #[test]
    fn counts_bases_and_respondents() {
        let mut a = agg();
        let texts = [
            (
                "R1:Q1",
                "Parent",
                "We need more funding for family help services in every area of the country.",
            ),
            ("R2:Q1", "Parent", "No comment."),
            (
                "R3:Q1",
                "Council",
                "Our funding has been cut every year since 2010 and we cannot go on like this.",
            ),
            (
                "R3:Q2",
                "Council",
                "The funding for disabled children's services is nowhere near what is needed.",
            ),
        ];
        for (id, ty, text) in texts {
            let q = id.split(':').nth(1).unwrap();
            let r = response(id, q, ty, text);
            let hits = if text.contains("funding") {
                vec![hit(0, text, "funding")]
            } else {
                vec![]
            };
            a.add_response(&r, &hits);
        }
        a.add_closed(&ClosedAnswer {
            respondent: "R1".into(),
            question: "Q1".into(),
            respondent_type: "Parent".into(),
            answer: Some("Agree".into()),
            item: None,
        });
        a.add_closed(&ClosedAnswer {
            respondent: "R4".into(),
            question: "Q1".into(),
            respondent_type: "Other".into(),
            answer: Some("Disagree".into()),
            item: None,
        });
        let s = a.finish();
        assert_eq!(s.types, ["Parent", "Council", "Other"]);
        let q1 = &s.questions[0];
        assert_eq!(q1.base, 3);
        assert_eq!(q1.themes[0].total, Cell { count: 2, base: 3 });
        assert_eq!(
            q1.themes[0].by_type,
            [
                Cell { count: 1, base: 2 },
                Cell { count: 1, base: 1 },
                Cell { count: 0, base: 0 }
            ]
        );
        assert_eq!(q1.closed[0].total, Cell { count: 1, base: 2 });
        assert_eq!(q1.closed[1].by_type[2], Cell { count: 1, base: 1 });
        // Q2 met in the data, appended
        assert_eq!(s.questions[1].id, "Q2");
        // overall: R1, R3 raise funding; base = respondents with free text (R1, R2, R3)
        assert_eq!(s.overall.themes[0].total, Cell { count: 2, base: 3 });
        assert_eq!(s.respondents, 4);
        assert_eq!(q1.themes[0].quotes.len(), 2);
        assert_ne!(
            q1.themes[0].quotes[0].respondent_type, q1.themes[0].quotes[1].respondent_type,
            "spread across types"
        );
    }

    #[test]
    fn an_attachment_joins_its_email_instead_of_counting_twice() {
        let mut a = agg();
        let email = Response {
            respondent: "mail.eml".into(),
            ..response("mail.eml", "Q1", "Council", "Dear all, see attached.")
        };
        let att = Response {
            respondent: "mail.eml".into(),
            ..response(
                "mail.eml#attachment-a.pdf",
                "Q1",
                "Council",
                "We need more funding now.",
            )
        };
        let att2 = Response {
            respondent: "mail.eml".into(),
            ..response(
                "mail.eml#attachment-b.pdf",
                "Q1",
                "Council",
                "Again: more funding.",
            )
        };
        a.add_response(&email, &[]);
        a.add_response(&att, &[hit(0, &att.text, "funding")]);
        a.add_response(&att2, &[hit(0, &att2.text, "funding")]);
        let s = a.finish();
        assert_eq!(s.questions[0].base, 1);
        assert_eq!(s.questions[0].themes[0].total, Cell { count: 1, base: 1 });
        assert_eq!(s.responses, 3);
    }

    #[test]
    fn never_quotes_the_same_words_twice() {
        let mut a = agg();
        let t = "Please restore the funding the review asked for, all of it, for every family.";
        for i in 0..10 {
            let r = response(&format!("R{i}:Q1"), "Q1", "Parent", t);
            a.add_response(&r, &[hit(0, t, "funding")]);
        }
        let other = "Our council's funding has fallen by a third in real terms over the decade.";
        a.add_response(
            &response("R99:Q1", "Q1", "Parent", other),
            &[hit(0, other, "funding")],
        );
        let s = a.finish();
        let quotes: Vec<&str> = s.questions[0].themes[0]
            .quotes
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(quotes.len(), 2);
        assert_ne!(quotes[0], quotes[1]);
    }

    /// An aggregator of two themes (0: funding, 1: staffing; 1 scoped to Q1) and `quotes`
    /// quotes per theme.
    fn agg2(quotes: usize) -> Aggregator {
        let theme = |id: &str, questions: Option<Vec<String>>| ThemeInfo {
            id: id.into(),
            label: id.into(),
            statement: id.into(),
            questions,
        };
        Aggregator::new(
            vec![],
            vec!["Parent".into()],
            vec![
                theme("funding", None),
                theme("staff", Some(vec!["Q1".into()])),
            ],
            Settings {
                quotes,
                small_cell: 5,
            },
        )
    }

    /// A hit of `theme` on each of `spans` (single-pattern evidence).
    fn hits(theme: u32, text: &str, spans: &[&str]) -> ThemeHit {
        let mut h = hit(theme, text, spans[0]);
        h.evidence = spans
            .iter()
            .flat_map(|ev| hit(theme, text, ev).evidence)
            .collect();
        h
    }

    fn quoted(s: &Summary, q: usize, theme: usize) -> Vec<&str> {
        s.questions[q].themes[theme]
            .quotes
            .iter()
            .map(|q| q.response_id.as_str())
            .collect()
    }

    #[test]
    fn quotes_rest_on_the_strongest_evidence() {
        let mut a = agg2(2);
        // a long, well-formed sentence whose only evidence is one stemmed word
        let weak =
            "Targeted early help has been a lifeline for families in our area for many years now.";
        a.add_response(
            &response("R1:Q1", "Q1", "Parent", weak),
            &[hits(0, weak, &["Targeted"])],
        );
        let phrase = "We need more money.";
        a.add_response(
            &response("R2:Q1", "Q1", "Parent", phrase),
            &[hits(0, phrase, &["more money"])],
        );
        let words = "Funding is short and the budget is cut every single year in this county.";
        a.add_response(
            &response("R3:Q1", "Q1", "Parent", words),
            &[hits(0, words, &["Funding", "budget"])],
        );
        let s = a.finish();
        // the phrase first, then several words; never the single word while others exist
        assert_eq!(quoted(&s, 0, 0), ["R2:Q1", "R3:Q1"]);
        // with no other candidate, the single word is quoted
        let mut a = agg2(2);
        a.add_response(
            &response("R1:Q1", "Q1", "Parent", weak),
            &[hits(0, weak, &["Targeted"])],
        );
        assert_eq!(quoted(&a.finish(), 0, 0), ["R1:Q1"]);
    }

    #[test]
    fn a_sentence_is_quoted_under_one_theme_only() {
        let mut a = agg2(1);
        let both = "More money and more staff would change everything for our family this year.";
        a.add_response(
            &response("R1:Q1", "Q1", "Parent", both),
            &[
                hits(0, both, &["More money"]),
                hits(1, both, &["more staff"]),
            ],
        );
        let other = "We need more staff.";
        a.add_response(
            &response("R2:Q1", "Q1", "Parent", other),
            &[hits(1, other, &["more staff"])],
        );
        let more = "We need more money.";
        a.add_response(
            &response("R3:Q1", "Q1", "Parent", more),
            &[hits(0, more, &["more money"])],
        );
        let s = a.finish();
        // staff is raised by 2, funding by 2: equal, so the codebook's order decides (funding
        // first); R1's sentence goes to funding and staff quotes R2
        assert_eq!(quoted(&s, 0, 0), ["R1:Q1"]);
        assert_eq!(quoted(&s, 0, 1), ["R2:Q1"]);
    }

    #[test]
    fn a_second_response_counts_the_way_its_first_did() {
        // a campaign copy (left out of the headline) followed by the same respondent's
        // attachment to the same question, which is not a copy: the headline counts
        // neither, so its themes never outnumber its base (found in review: the no-theme
        // count underflowed)
        let mut a = agg2(0);
        let copy = Membership {
            campaign: None,
            template: false,
            main: false,
        };
        let email = Response {
            respondent: "R1".into(),
            ..response("R1:Q1", "Q1", "Parent", "Same as everyone.")
        };
        let t = "We need more money.";
        let att = Response {
            respondent: "R1".into(),
            ..response("R1:Q1#attachment-a.pdf", "Q1", "Parent", t)
        };
        a.add_coded(&email, &[], vec![], copy);
        a.add_coded(
            &att,
            &[hits(0, t, &["more money"])],
            vec![],
            Membership::NONE,
        );
        let q = &a.finish().questions[0];
        assert_eq!(q.main_base, 0);
        assert_eq!(q.main_no_theme, Cell { count: 0, base: 0 });
        assert_eq!(q.themes[0].main, Cell { count: 0, base: 0 });
        assert_eq!(q.themes[0].total, Cell { count: 1, base: 1 });
    }

    #[test]
    fn counts_answers_with_no_theme_and_main_counts_by_type() {
        let mut a = agg2(0);
        let t = "More money please.";
        a.add_response(
            &response("R1:Q1", "Q1", "Parent", t),
            &[hits(0, t, &["More money"])],
        );
        a.add_response(&response("R2:Q1", "Q1", "Parent", "No comment."), &[]);
        let copy = Membership {
            campaign: None,
            template: false,
            main: false,
        };
        a.add_coded(
            &response("R3:Q1", "Q1", "Parent", t),
            &[hits(0, t, &["More money"])],
            vec![],
            copy,
        );
        a.add_coded(
            &response("R4:Q1", "Q1", "Parent", "Nothing."),
            &[],
            vec![],
            copy,
        );
        let s = a.finish();
        let q = &s.questions[0];
        assert_eq!(q.no_theme, Cell { count: 2, base: 4 });
        assert_eq!(q.main_no_theme, Cell { count: 1, base: 2 });
        assert_eq!(q.main_base_by_type, [2]);
        assert_eq!(q.themes[0].main_by_type, [Cell { count: 1, base: 2 }]);
        assert_eq!(q.themes[0].by_type, [Cell { count: 2, base: 4 }]);
        assert_eq!(s.overall.main_base_by_type, [2]);
        assert_eq!(
            s.overall.themes[0].main_by_type,
            [Cell { count: 1, base: 2 }]
        );
    }

    #[test]
    fn a_theme_is_in_scope_where_its_rules_apply() {
        let mut a = agg2(0);
        a.add_response(&response("R1:Q1", "Q1", "Parent", "x"), &[]);
        a.add_response(&response("R1:Q2", "Q2", "Parent", "x"), &[]);
        let s = a.finish();
        let scope =
            |q: usize| -> Vec<bool> { s.questions[q].themes.iter().map(|t| t.in_scope).collect() };
        assert_eq!(scope(0), [true, true]);
        assert_eq!(scope(1), [true, false]);
    }

    #[test]
    fn a_scope_is_the_union_of_the_rules_scopes() {
        let src = r#"
[[themes]]
id = "a"
label = "A"
questions = ["Q1"]
[[themes.rules]]
match = ["x"]
[[themes.rules]]
match = ["y"]
questions = ["Q3"]
[[themes]]
id = "b"
label = "B"
[[themes.rules]]
match = ["x"]
questions = ["Q2"]
[[themes.rules]]
match = ["y"]
"#;
        let book = tally_code::Codebook::parse(src, "cb.toml").expect("codebook");
        let scopes: Vec<Option<Vec<String>>> = book
            .themes
            .iter()
            .map(|t| ThemeInfo::from(t).questions)
            .collect();
        assert_eq!(scopes, [Some(vec!["Q1".into(), "Q3".into()]), None]);
    }

    #[test]
    fn small_cells() {
        assert!(Cell { count: 3, base: 40 }.is_small(5));
        assert!(Cell { count: 0, base: 4 }.is_small(5));
        assert!(!Cell { count: 0, base: 40 }.is_small(5));
        assert!(!Cell { count: 5, base: 40 }.is_small(5));
    }
}
