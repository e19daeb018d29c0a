//! The command line of team work: `zongjie agree`, and which store `export`
//! reads when several reviewers' stores are named (the adjudicated one by
//! default, `--reviewer NAME` for one person's, `--per-reviewer` columns).

use std::path::PathBuf;
use std::process::ExitCode;

use zongjie::export::{self, Gathered, records::Record};
use zongjie::pipeline::Progress;
use zongjie::review::session::ReviewedFile;
use zongjie::review::team::{self, Team, agree, compare, compare::Views};
use zongjie::review::{Store, default_store_dir};
use zongjie::text::json_string;

use crate::Format;
use crate::output::{self, say};
use crate::progress_bar::{self, Bar};

/// `zongjie agree`: agreement between the reviewers' stores, per field, per
/// report and overall.
pub fn cmd_agree(paths: &[PathBuf], stores: &[PathBuf], format: Format) -> ExitCode {
    let team = match team::resolve(stores) {
        Ok(t) => t,
        Err(e) => {
            say!("{e}");
            return ExitCode::from(2);
        }
    };
    if team.reviewers.len() < 2 {
        say!(
            "agree needs two or more reviewers' stores (--store DIR for each, or an \
             adjudication store that names them); got {}",
            team.reviewers.len()
        );
        return ExitCode::from(2);
    }
    let readers: Vec<Store> = team
        .reviewers
        .iter()
        .map(|m| Store::reader(&m.dir))
        .collect();
    let refs: Vec<&Store> = readers.iter().collect();
    let mut builder = agree::AgreementBuilder::new(team.names());
    let mut bar = Bar::new("agree", progress_bar::Output::AtTheEnd);
    let g = export::for_each_file_views(paths, &refs, &mut bar, |spans, views| {
        let theirs: Vec<&ReviewedFile> = views.iter().collect();
        let key = views
            .first()
            .map_or("", |f| f.file.key.as_str())
            .to_string();
        builder.add(&key, &compare::compare(&spans, &theirs));
    });
    bar.finish();
    for n in &g.notes {
        say!("{n}");
    }
    let a = builder.finish();
    let text = match format {
        Format::Json => json_string(&a, true) + "\n",
        Format::Text => agree::render_text(&a),
    };
    let written = output::write_stdout(text.as_bytes());
    let problems: Vec<&String> = g.skipped.iter().chain(&g.blocking).collect();
    for p in &problems {
        say!("{p}");
    }
    match written {
        Err(e) => output::output_failed(&e),
        Ok(()) if problems.is_empty() => ExitCode::SUCCESS,
        Ok(()) => ExitCode::from(1),
    }
}

/// Which store an export reads, and whose columns go beside it.
pub struct ExportSource {
    /// The store whose decisions the records carry.
    pub base: PathBuf,
    /// The reviewers for `--per-reviewer` columns.
    pub columns: Option<Team>,
}

/// The store to export from the stores named: one plain store as it is; with
/// a team, the adjudicated store unless `--reviewer` names another.
pub fn export_source(
    paths: &[PathBuf],
    stores: &[PathBuf],
    reviewer: Option<&str>,
    per_reviewer: bool,
) -> Result<ExportSource, String> {
    let stores = if stores.is_empty() {
        vec![default_store_dir(paths)]
    } else {
        stores.to_vec()
    };
    let plain = stores.len() == 1 && !stores[0].join(team::TEAM_FILE).exists();
    if plain && reviewer.is_none() && !per_reviewer {
        return Ok(ExportSource {
            base: stores[0].clone(),
            columns: None,
        });
    }
    let t = team::resolve(&stores).map_err(|e| e.to_string())?;
    let base = match (reviewer, &t.adjudicated) {
        (Some(name), _) => t
            .find(name)
            .ok_or_else(|| team::TeamError::NoSuchReviewer(name.into(), t.names()).to_string())?
            .dir
            .clone(),
        (None, Some(a)) => a.dir.clone(),
        (None, None) if t.reviewers.len() == 1 => t.reviewers[0].dir.clone(),
        (None, None) => {
            return Err(format!(
                "several reviewers' stores and no adjudicated one: name one with \
                 --reviewer ({}), or adjudicate first",
                t.names().join(", ")
            ));
        }
    };
    Ok(ExportSource {
        base,
        columns: per_reviewer.then_some(t),
    })
}

/// The base store's files, what gathering them met, and each reviewer's
/// views of every file (empty without `--per-reviewer`).
pub fn gather(
    paths: &[PathBuf],
    src: &ExportSource,
    progress: &mut dyn Progress,
) -> (Vec<ReviewedFile>, Gathered, Vec<Vec<Views>>) {
    let base = Store::reader(&src.base);
    let Some(t) = &src.columns else {
        let (files, g) = export::gather(paths, &base, progress);
        return (files, g, Vec::new());
    };
    let readers: Vec<Store> = t.reviewers.iter().map(|m| Store::reader(&m.dir)).collect();
    let mut refs: Vec<&Store> = vec![&base];
    refs.extend(readers.iter());
    let (mut files, mut theirs) = (Vec::new(), Vec::new());
    let g = export::for_each_file_views(paths, &refs, progress, |_, mut views| {
        let rest = views.split_off(1.min(views.len()));
        theirs.push(rest.iter().map(compare::views_of).collect());
        files.extend(views);
    });
    (files, g, theirs)
}

/// Put each reviewer's view beside the records (in file order, as `records`
/// made them from `files`).
pub fn fill_columns(recs: &mut [Record], files: &[ReviewedFile], theirs: &[Vec<Views>], t: &Team) {
    let names = t.names();
    let mut rest = recs;
    for (f, views) in files.iter().zip(theirs) {
        let n = rest.iter().take_while(|r| r.file == f.file.key).count();
        let (mine, after) = rest.split_at_mut(n);
        export::per_reviewer::fill(mine, f, &names, views);
        rest = after;
    }
}

/// The store `review` writes, and with `--adjudicate DIR` the team whose
/// differences it settles (the reviewers' stores named by `--store`, or by
/// DIR's `team.json` when it has one).
pub fn review_stores(
    stores: &[PathBuf],
    adjudicate: Option<PathBuf>,
) -> Result<(Option<PathBuf>, Option<Team>), String> {
    let Some(dir) = adjudicate else {
        if stores.len() > 1 {
            return Err(
                "review writes one store: name one --store (several only with \
                        --adjudicate DIR, to settle their differences)"
                    .into(),
            );
        }
        return Ok((stores.first().cloned(), None));
    };
    let mut given = stores.to_vec();
    if dir.join(team::TEAM_FILE).exists() {
        given.insert(0, dir.clone());
    }
    let mut t = team::resolve(&given).map_err(|e| e.to_string())?;
    let mine = std::fs::canonicalize(&dir).ok();
    let same = |p: &PathBuf| mine.is_some() && std::fs::canonicalize(p).ok() == mine;
    if t.reviewers.iter().any(|m| same(&m.dir)) {
        return Err(format!(
            "{} is a reviewer's store: adjudicate into a store of its own",
            dir.display()
        ));
    }
    if t.reviewers.len() < 2 {
        return Err("adjudication needs two or more reviewers' stores (--store DIR each)".into());
    }
    t.adjudicated = None;
    Ok((Some(dir), Some(t)))
}
