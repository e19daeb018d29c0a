//! `zongjie agree`: agreement between reviewers, field by field, per report and
//! over the corpus, from the items they decided ([`super::compare`]).
//!
//! Fields: a figure's status; its value, unit, kind, approx and subject where
//! the reviewer let it stand (accepted, corrected or added: a rejected figure
//! has no values to agree on); a heading's decision; each report field. Each
//! has Krippendorff's α (nominal; the value also interval) and, with two
//! reviewers, Cohen's κ, with the counts behind them.

use serde::Serialize;

use crate::export::records::format_number;
use crate::text::terminal_safe;

use super::agreement::{Alpha, Kappa, alpha_interval, alpha_nominal, cohen_kappa};
use super::compare::{FigureView, Item, ReportField, ReportItems};

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Status,
    Value,
    Unit,
    Kind,
    Approx,
    Subject,
    Heading,
    Report(ReportField),
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Value => "value",
            Field::Unit => "unit",
            Field::Kind => "kind",
            Field::Approx => "approx",
            Field::Subject => "subject",
            Field::Heading => "heading",
            Field::Report(f) => f.as_str(),
        }
    }

    /// Every field, in the order they are shown.
    pub fn all() -> Vec<Field> {
        let mut v = FIGURE_FIELDS.to_vec();
        v.push(Field::Heading);
        v.extend(ReportField::ALL.map(Field::Report));
        v
    }
}

/// The fields of a figure, in the order they are shown.
const FIGURE_FIELDS: [Field; 6] = [
    Field::Status,
    Field::Value,
    Field::Unit,
    Field::Kind,
    Field::Approx,
    Field::Subject,
];

/// The agreement on one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldAgreement {
    pub field: &'static str,
    /// Items at least one reviewer decided.
    pub items: usize,
    /// Cohen's κ (two reviewers only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa: Option<Kappa>,
    /// Krippendorff's α, nominal.
    pub alpha: Alpha,
    /// Krippendorff's α, interval (the value only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_interval: Option<Alpha>,
}

/// The agreement within one report (as parsed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportAgreement {
    pub file: String,
    pub report: String,
    pub title: String,
    pub fields: Vec<FieldAgreement>,
}

/// The whole answer of `zongjie agree`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub reviewers: Vec<String>,
    pub overall: Vec<FieldAgreement>,
    pub reports: Vec<ReportAgreement>,
}

/// The values the reviewers gave one item of one field: a category each
/// (`None`: no value), and the number for the value's interval α.
#[derive(Debug, Default, Clone)]
struct Coded {
    units: Vec<Vec<Option<String>>>,
    numbers: Vec<Vec<Option<f64>>>,
}

impl Coded {
    fn push(&mut self, unit: Vec<Option<String>>) {
        if unit.iter().any(Option::is_some) {
            self.units.push(unit);
        }
    }

    fn extend(&mut self, other: &Coded) {
        self.units.extend(other.units.iter().cloned());
        self.numbers.extend(other.numbers.iter().cloned());
    }

    fn measure(&self, field: Field, reviewers: usize) -> FieldAgreement {
        let present = |u: &Vec<Option<String>>| u.iter().flatten().cloned().collect::<Vec<_>>();
        let units: Vec<Vec<String>> = self.units.iter().map(present).collect();
        let kappa = (reviewers == 2).then(|| {
            cohen_kappa(self.units.iter().filter_map(|u| match (&u[0], &u[1]) {
                (Some(a), Some(b)) => Some((a.clone(), b.clone())),
                _ => None,
            }))
        });
        let alpha_interval = (field == Field::Value).then(|| {
            let nums: Vec<Vec<f64>> = self
                .numbers
                .iter()
                .map(|u| {
                    u.iter()
                        .flatten()
                        .copied()
                        .filter(|v| v.is_finite())
                        .collect()
                })
                .collect();
            alpha_interval(&nums)
        });
        FieldAgreement {
            field: field.name(),
            items: self.units.len(),
            kappa,
            alpha: alpha_nominal(&units),
            alpha_interval,
        }
    }
}

/// A figure view's category for a field; `None` where the figure does not
/// stand for this reviewer (rejected: no values to agree on).
fn figure_code(field: Field, v: &FigureView) -> Option<String> {
    if field == Field::Status {
        return Some(v.status.as_str().to_string());
    }
    if !v.status.is_accepted() {
        return None;
    }
    let q = &v.quantity;
    Some(match field {
        Field::Value => {
            let n = |x: Option<f64>| x.map_or_else(|| "—".to_string(), format_number);
            match q.value_max {
                Some(_) => format!("{}–{}", n(q.value), n(q.value_max)),
                None => n(q.value),
            }
        }
        Field::Unit => q.unit.clone(),
        Field::Kind => q.kind.as_str().to_string(),
        Field::Approx => q.approx.map_or("", |a| a.as_str()).to_string(),
        Field::Subject => v.subject.clone().unwrap_or_default(),
        _ => return None,
    })
}

fn code_figures(items: &[Item<(usize, usize), FigureView>], field: Field) -> Coded {
    let mut c = Coded::default();
    for it in items {
        let unit: Vec<Option<String>> = it
            .views
            .iter()
            .map(|v| v.as_ref().and_then(|v| figure_code(field, v)))
            .collect();
        if field == Field::Value && unit.iter().any(Option::is_some) {
            c.numbers.push(
                it.views
                    .iter()
                    .map(|v| {
                        v.as_ref()
                            .filter(|v| v.status.is_accepted())
                            .and_then(|v| v.quantity.value)
                    })
                    .collect(),
            );
        }
        c.push(unit);
    }
    c
}

/// The coded items of one report, field by field.
fn code_report(r: &ReportItems) -> Vec<(Field, Coded)> {
    let mut out = Vec::new();
    for f in FIGURE_FIELDS {
        out.push((f, code_figures(&r.figures, f)));
    }
    let mut h = Coded::default();
    for it in &r.headings {
        h.push(
            it.views
                .iter()
                .map(|v| v.as_ref().map(|v| v.kind.as_str().to_string()))
                .collect(),
        );
    }
    out.push((Field::Heading, h));
    for rf in ReportField::ALL {
        let mut c = Coded::default();
        for it in r.fields.iter().filter(|it| it.key.1 == rf) {
            c.push(
                it.views
                    .iter()
                    .map(|v| v.as_ref().map(|v| v.label()))
                    .collect(),
            );
        }
        out.push((Field::Report(rf), c));
    }
    out
}

/// Gathers the items file by file, then measures.
#[derive(Debug)]
pub struct AgreementBuilder {
    reviewers: Vec<String>,
    overall: Vec<(Field, Coded)>,
    reports: Vec<ReportAgreement>,
}

impl AgreementBuilder {
    pub fn new(reviewers: Vec<String>) -> AgreementBuilder {
        AgreementBuilder {
            reviewers,
            overall: Field::all()
                .into_iter()
                .map(|f| (f, Coded::default()))
                .collect(),
            reports: Vec::new(),
        }
    }

    /// Add one file's reports (keyed `file`); a report nobody decided anything on is left out.
    pub fn add(&mut self, file: &str, reports: &[ReportItems]) {
        let n = self.reviewers.len();
        for r in reports {
            let coded = code_report(r);
            if coded.iter().all(|(_, c)| c.units.is_empty()) {
                continue;
            }
            for ((_, all), (_, c)) in self.overall.iter_mut().zip(&coded) {
                all.extend(c);
            }
            self.reports.push(ReportAgreement {
                file: file.to_string(),
                report: r.report.id.clone(),
                title: r.report.title.clone(),
                fields: coded.iter().map(|(f, c)| c.measure(*f, n)).collect(),
            });
        }
    }

    pub fn finish(self) -> Agreement {
        let n = self.reviewers.len();
        Agreement {
            overall: self.overall.iter().map(|(f, c)| c.measure(*f, n)).collect(),
            reviewers: self.reviewers,
            reports: self.reports,
        }
    }
}

/// A statistic for a person: three decimals, `—` where it is undefined.
fn stat(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |x| format!("{x:.3}"))
}

fn table(fields: &[FieldAgreement], two: bool, out: &mut String) {
    out.push_str(if two {
        "  field          items   κ      (both, agreed)   α      (units, values)   α interval\n"
    } else {
        "  field          items   α      (units, values)   α interval\n"
    });
    for f in fields.iter().filter(|f| f.items > 0) {
        let mut line = format!("  {:<14} {:>5}", f.field, f.items);
        if let Some(k) = &f.kappa {
            line += &format!(
                "   {:<6} ({}, {}){}",
                stat(k.kappa),
                k.units,
                k.agreed,
                " ".repeat(14usize.saturating_sub(format!("({}, {})", k.units, k.agreed).len()))
            );
        }
        line += &format!(
            "   {:<6} ({}, {})",
            stat(f.alpha.alpha),
            f.alpha.units,
            f.alpha.values
        );
        if let Some(a) = &f.alpha_interval {
            let pad = 16usize.saturating_sub(format!("({}, {})", a.units, a.values).len());
            line += &format!("{}   {}", " ".repeat(pad), stat(a.alpha));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The readable answer: the reviewers, the overall table, then each report's.
pub fn render_text(a: &Agreement) -> String {
    let two = a.reviewers.len() == 2;
    let names: Vec<String> = a
        .reviewers
        .iter()
        .map(|n| terminal_safe(n).into_owned())
        .collect();
    let mut s = format!("reviewers: {}\n\noverall\n", names.join(", "));
    table(&a.overall, two, &mut s);
    for r in &a.reports {
        s += &format!(
            "\n{}  {}  {}\n",
            terminal_safe(&r.file),
            terminal_safe(&r.report),
            terminal_safe(r.title.trim())
        );
        table(&r.fields, two, &mut s);
    }
    s += "\nκ: Cohen's kappa over the items both decided; α: Krippendorff's alpha \
          (nominal), over the items two or more decided; — : undefined (no variation \
          or too few items).\n";
    s
}
