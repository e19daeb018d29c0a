//! The search line's answers: start a search (on a thread, by the run loop),
//! take its hits, go from hit to hit.

use super::super::app::{App, Pane};
use super::super::search::{Hit, SearchFile, SearchRequest};
use super::navigation::open_entry;

pub(super) fn run(app: &mut App, q: &str) {
    app.search.query = q.to_string();
    app.search.hits.clear();
    app.search.sel = None;
    if q.is_empty() {
        app.status.clear();
        return;
    }
    app.search.id += 1;
    // Per file, where its text is (read again on the search's thread unless
    // it is in memory now) and its reports' ranges: no text is copied here.
    let mut files: Vec<SearchFile> = Vec::new();
    let c = &app.corpus;
    for (ei, s) in c.sessions().iter().enumerate() {
        let range = (ei, s.report.start, s.report.end);
        match files.last_mut() {
            Some(f) if f.file == s.file => f.reports.push(range),
            _ => files.push(SearchFile {
                file: s.file,
                text: c.text_source(s.file),
                reports: vec![range],
            }),
        }
    }
    app.search.request = Some(SearchRequest {
        id: app.search.id,
        query: q.to_string(),
        files,
    });
    app.status = format!("searching for {q}…");
}

pub(super) fn done(app: &mut App, id: u64, hits: Vec<Hit>) {
    if id != app.search.id {
        return;
    }
    let q = app.search.query.clone();
    app.search.hits = hits;
    if app.search.hits.is_empty() {
        app.status = format!("no match for {q}");
        return;
    }
    // First hit at or after the current report.
    let cur = app.open.or_else(|| app.selected_entry()).unwrap_or(0);
    let first = app.search.hits.iter().position(|h| h.0 >= cur).unwrap_or(0);
    go_hit(app, first);
}

pub(super) fn jump(app: &mut App, dir: isize) {
    if app.search.hits.is_empty() {
        app.status = if app.search.query.is_empty() {
            "no search yet: / searches".into()
        } else {
            format!("no match for {}", app.search.query)
        };
        return;
    }
    let n = app.search.hits.len() as isize;
    let i = app
        .search
        .sel
        .map_or(0, |h| (h as isize + dir).rem_euclid(n) as usize);
    go_hit(app, i);
}

fn go_hit(app: &mut App, i: usize) {
    let Some(&(ei, off, _)) = app.search.hits.get(i) else {
        return;
    };
    app.search.sel = Some(i);
    if !app.visible_reports().contains(&ei) {
        app.report_filter = super::super::app::ReportFilter::All;
    }
    if let Some(p) = app.visible_reports().iter().position(|&v| v == ei) {
        app.report_sel = p;
    }
    if app.open.is_some() || app.pane != Pane::Reports {
        open_entry(app, ei);
        if app.pane == Pane::Reports {
            app.pane = Pane::Source;
        }
    }
    app.src_focus = off;
    if !app.status.contains("hits") {
        app.status.clear();
    }
    let total = app.search.hits.len();
    app.status = format!("hit {}/{total} for {}", i + 1, app.search.query);
}
