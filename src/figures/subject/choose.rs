//! Which words of the clause name a figure: the cases of guide §5 tried in turn,
//! each on the words around the figure that `subject` gathered once.

use super::{
    CAUSATIVE, NO_SPANS, Previous, Read, Subject, Word, build, ends_with, is_verb,
    noun_phrase_after, predicate, word_is,
};
use crate::figures::tag::Tag;
use crate::model::FigureKind;

/// The words around one figure, as the cases read them.
pub(super) struct Around<'a> {
    pub cs: &'a [char],
    /// Where the figure's text starts in `cs`.
    pub start: usize,
    pub r: &'a Read,
    /// The kept words before the figure, in the clause and after the figure before.
    pub left: &'a [Word],
    /// The words after the figure, in the clause (none for a rate).
    pub right: &'a [Word],
    /// The figure before, when it is in the clause or right before it in a list.
    pub prev_near: Option<&'a Previous<'a>>,
    /// The figure before, when this one has no words of its own before it.
    pub inherited: Option<&'a Previous<'a>>,
    /// The action word right before the number.
    pub verb_before: Option<(usize, usize)>,
}

impl Around<'_> {
    /// The subject: the first case that answers, in the guide's order.
    pub fn choose(&self) -> Subject {
        self.share()
            .or_else(|| self.counted_after())
            .or_else(|| self.same_quantity())
            .or_else(|| self.without_words_before())
            .unwrap_or_else(|| build(self.cs, self.left, NO_SPANS, None, self.verb_before))
    }

    /// A rate after 占: 女性占38.5% → 女性占比; 占全区总户数的90% → what the
    /// figure before counted.
    fn share(&self) -> Option<Subject> {
        if self.r.kind != FigureKind::Percent {
            return None;
        }
        let k = self
            .left
            .iter()
            .position(|w| word_is(self.cs, w, &['占']))?;
        let before = spans(&self.left[..k]);
        let whole = if before.is_empty() {
            self.prev_near
                .map(|p| p.subject.spans.clone())
                .unwrap_or_default()
        } else {
            before
        };
        Some(build(self.cs, &whole, NO_SPANS, Some("占比"), None))
    }

    /// What follows the unit is what is counted: the action right before the
    /// number, then the noun after it.
    fn counted_after(&self) -> Option<Subject> {
        let (cs, r) = (self.cs, self.r);
        let noun_after = self.noun_after();
        if noun_after.is_empty() {
            return None;
        }
        // with no action before, what the counted did after (8个品种入选国家目录,
        // 156名妇女被结对帮扶); 组织18名妇女参加比武: the action is what they
        // were brought to do
        let causes = self.verb_before.is_some_and(|(a, b)| {
            CAUSATIVE
                .iter()
                .any(|c| cs[a..b].iter().copied().eq(c.chars()))
        });
        let verb = self
            .verb_before
            .filter(|_| !causes)
            .or_else(|| self.inherited.and_then(|p| p.subject.verb));
        // the head and tail as they stand, with no list made for them unless a
        // predicate follows the noun (with the empty subject given no room in
        // `build`: subject 85.5 -> 84.2 M of 731.6 M, callgrind)
        let head = verb.as_slice();
        if verb.is_none() && r.kind == FigureKind::Count {
            let after = noun_after.last().map_or(r.end, |w| w.end);
            let pred = predicate(cs, self.right, after);
            if !pred.is_empty() {
                let mut tail = spans(&noun_after);
                tail.extend(pred);
                return Some(build(cs, head, &tail, None, verb));
            }
        }
        Some(build(cs, head, &noun_after, None, verb))
    }

    /// The noun phrase after the unit; after 的 only for an age (60周岁以上的
    /// 老人) or where nothing before names it (给予5000元的资金支持, 价值3万元的器材).
    fn noun_after(&self) -> Vec<Word> {
        let (cs, r) = (self.cs, self.r);
        let after_de = r.kind == FigureKind::Age
            || ends_with(cs, self.start, &['价', '值'])
            || self.left.iter().all(is_verb);
        let mut noun_after = match r.kind {
            FigureKind::Percent => Vec::new(),
            _ => noun_phrase_after(cs, self.right, after_de),
        };
        // a sum is followed by what it buys only as a noun (1万元化肥), not a verb
        // (投入12亿元实施…)
        if matches!(r.kind, FigureKind::Money | FigureKind::Measure)
            && noun_after
                .iter()
                .find(|w| w.tag != Tag::M)
                .is_some_and(is_verb)
        {
            noun_after.clear();
        }
        noun_after
    }

    /// Only verbs before a rate or a new level: 从874.6亿元增加到1112.4亿元: the
    /// same quantity at its new level; 5853.9亿元，增长3.9%: the growth of what the
    /// figure before measured.
    fn same_quantity(&self) -> Option<Subject> {
        let (cs, start) = (self.cs, self.start);
        let only_verbs = !self.left.is_empty() && self.left.iter().all(is_verb);
        let to_level = ends_with(cs, start, &['到']) || ends_with(cs, start, &['至']);
        let p = self
            .prev_near
            .filter(|_| only_verbs && (self.r.kind == FigureKind::Percent || to_level))?;
        if to_level {
            return Some(p.subject.clone());
        }
        Some(build(cs, &p.subject.spans, self.left, None, None))
    }

    /// No words before: what they did names them (500余人参加摄影比赛), or else
    /// the item before in a list.
    fn without_words_before(&self) -> Option<Subject> {
        if !self.left.is_empty() {
            return None;
        }
        let pred = if self.r.kind == FigureKind::Count {
            predicate(self.cs, self.right, self.r.end)
        } else {
            Vec::new()
        };
        if !pred.is_empty() {
            return Some(build(self.cs, NO_SPANS, &pred, None, None));
        }
        Some(
            self.inherited
                .map(|p| p.subject.clone())
                .unwrap_or_default(),
        )
    }
}

/// The char ranges of `words`.
fn spans(words: &[Word]) -> Vec<(usize, usize)> {
    words.iter().map(|w| (w.start, w.end)).collect()
}
