//! Figures that check each other: a share and its part and whole, parts under a
//! whole, a list and its total, growth between two stated values, a product.
//!
//! `sentence` groups a report's figures into sentences (looking only at the text
//! between neighbouring figures, a bounded window); the finders (`share`,
//! `parts`, `growth`, `product`) read the words between figures in one sentence;
//! `check` recomputes a relation from its figures' values and writes the
//! arithmetic. Precision comes first: a false inconsistency is worse than a
//! missed relation, so each finder asks for the connecting words to sit right
//! next to the figures they join.

mod check;
mod growth;
mod parts;
mod product;
mod sentence;
mod share;

use serde::{Deserialize, Serialize};

use crate::model::{Figure, Quantity, Warning, WarningCode};
use crate::text::Normalized;

pub use check::{Operand, check_relation};

/// What a relation says.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// A part is a stated share of its whole (`6名，占46.2%` under `13人`).
    Share,
    /// Parts under a whole (`其中`): none may exceed it.
    Parts,
    /// A list closed by `共`/`合计`/`总计`: the items sum to the total.
    Total,
    /// From one value to another (`由…增加到…`, `较…增加…，增长…%`).
    Growth,
    /// Per item times items (`每期60人`, `3期`, `共180人`).
    Product,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Share => "share",
            RelationKind::Parts => "parts",
            RelationKind::Total => "total",
            RelationKind::Growth => "growth",
            RelationKind::Product => "product",
        }
    }
}

/// The part a figure plays in a relation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Part,
    Whole,
    /// The stated rate of a share or of a growth.
    Rate,
    From,
    To,
    /// The stated difference of a growth.
    Change,
    /// The amount per item of a product (`每期60人`).
    PerItem,
    /// How many items a product counts (`3期`).
    Items,
    Total,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Part,
        Role::Whole,
        Role::Rate,
        Role::From,
        Role::To,
        Role::Change,
        Role::PerItem,
        Role::Items,
        Role::Total,
    ];

    /// The name the JSON writes (`parse_json` writes it without serde).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Part => "part",
            Role::Whole => "whole",
            Role::Rate => "rate",
            Role::From => "from",
            Role::To => "to",
            Role::Change => "change",
            Role::PerItem => "per-item",
            Role::Items => "items",
            Role::Total => "total",
        }
    }
}

/// One figure of a relation, by its id in the report (`f3`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Term {
    pub role: Role,
    pub figure: String,
}

/// Which way a growth goes, as its verb says (增加 up, 减少 down).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// The name the JSON writes (`parse_json` writes it without serde).
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// What recomputing a relation gave.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The figures agree at the precision written.
    Consistent,
    /// They agree only within the looseness of a qualified figure (多, 余, 约, 近, 超).
    Loose,
    /// They disagree even allowing for rounding and qualifiers.
    Inconsistent,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Consistent => "consistent",
            Outcome::Loose => "loose",
            Outcome::Inconsistent => "inconsistent",
        }
    }

    /// The mark closing the arithmetic.
    pub fn mark(self) -> &'static str {
        match self {
            Outcome::Consistent => "✓",
            Outcome::Loose => "≈",
            Outcome::Inconsistent => "✗",
        }
    }
}

/// Figures of one report that check each other, and what the check gave.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Relation {
    pub kind: RelationKind,
    pub terms: Vec<Term>,
    /// The verb's direction, for a growth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    pub outcome: Outcome,
    /// The recomputation for a person: `6 / 13 = 46.2% ✓`, `8 + 6 = 14 ≠ 13 ✗`.
    pub arithmetic: String,
}

impl Relation {
    /// The figure ids playing `role`, in order.
    pub fn figures_in(&self, role: Role) -> impl Iterator<Item = &str> {
        self.terms
            .iter()
            .filter(move |t| t.role == role)
            .map(|t| t.figure.as_str())
    }

    pub fn involves(&self, figure: &str) -> bool {
        self.terms.iter().any(|t| t.figure == figure)
    }

    /// `share: 6 / 13 = 46.2% ✓`, as the export's `checks` column and warnings write it.
    pub fn label(&self) -> String {
        format!("{}: {}", self.kind.as_str(), self.arithmetic)
    }
}

/// A relation as a finder states it, before it is checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub kind: RelationKind,
    /// Roles with indices into the report's figures.
    pub terms: Vec<(Role, usize)>,
    pub direction: Option<Direction>,
}

/// Find and check the relations among a report's figures (ids as extracted).
pub fn find_relations(text: &str, norm: &Normalized, figures: &[Figure]) -> Vec<Relation> {
    let sentences = sentence::sentences(norm, figures);
    let mut found = Vec::new();
    for s in &sentences {
        let parts = parts::find(s);
        found.extend(share::find(s, &parts));
        found.extend(parts);
        found.extend(parts::find_totals(s));
        found.extend(growth::find(s));
        found.extend(product::find(s));
    }
    // In text order: by first figure, then by last (a list before the share of its part).
    found.sort_by_key(|f| {
        let at = f.terms.iter().map(|t| t.1);
        (at.clone().min(), at.max(), f.kind)
    });
    let operand = |i: usize| {
        let f = &figures[i];
        Operand::new(text.get(f.start..f.end).unwrap_or(&f.text), &f.quantity)
    };
    found
        .into_iter()
        .map(|f| {
            let ops: Vec<(Role, Operand)> = f.terms.iter().map(|&(r, i)| (r, operand(i))).collect();
            let (outcome, arithmetic) = check_relation(f.kind, f.direction, &ops);
            Relation {
                kind: f.kind,
                terms: f
                    .terms
                    .iter()
                    .map(|&(role, i)| Term {
                        role,
                        figure: figures[i].id.clone(),
                    })
                    .collect(),
                direction: f.direction,
                outcome,
                arithmetic,
            }
        })
        .collect()
}

/// Recheck a relation with the figures' current values (a reviewer's
/// corrections): `quantity` gives a figure's surface text and quantity by id.
/// `None` when a figure of the relation is gone.
pub fn recheck<'a>(
    rel: &Relation,
    quantity: impl Fn(&str) -> Option<(&'a str, &'a Quantity)>,
) -> Option<(Outcome, String)> {
    let mut ops = Vec::with_capacity(rel.terms.len());
    for t in &rel.terms {
        let (text, q) = quantity(&t.figure)?;
        ops.push((t.role, Operand::new(text, q)));
    }
    Some(check_relation(rel.kind, rel.direction, &ops))
}

/// A warning for each inconsistent relation, spanning its figures, with the
/// recomputed value in its message.
pub fn warnings(relations: &[Relation], figures: &[Figure]) -> Vec<Warning> {
    relations
        .iter()
        .filter(|r| r.outcome == Outcome::Inconsistent)
        .map(|r| {
            let spans = r
                .terms
                .iter()
                .filter_map(|t| figures.iter().find(|f| f.id == t.figure));
            let start = spans.clone().map(|f| f.start).min().unwrap_or(0);
            let end = spans.map(|f| f.end).max().unwrap_or(start);
            Warning::at(
                WarningCode::Inconsistent,
                format!("figures disagree: {}", r.label()),
                start,
                end,
            )
        })
        .collect()
}
