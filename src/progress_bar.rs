//! The progress bar of a long run (`parse`, `export`, `stats`) on standard
//! error: files done of all, the rate and the time left (indicatif).
//!
//! Drawn only where a person watches: standard error is a terminal, and for a
//! command that streams to standard output as it goes, standard output is not
//! that terminal (the output itself shows the progress, and the bar would tear
//! it). Pipes, files and CI get nothing extra. A run over in under half a second
//! draws nothing either, and the bar is wiped when the run ends, so what the
//! command prints afterwards starts on a clean line.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use zongjie::pipeline::Progress;

/// How long a run goes before its bar appears.
const DELAY: Duration = Duration::from_millis(500);

/// A bar that is drawn once the run is long enough, or never.
pub struct Bar {
    bar: Option<ProgressBar>,
    label: &'static str,
    started: Instant,
    shown: bool,
}

/// Whether standard output streams as the run goes (`parse`), or is written at
/// the end (`export`, `stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Streamed,
    AtTheEnd,
}

impl Bar {
    /// A bar labelled `label` ("parse", …) if a person is watching, else none.
    pub fn new(label: &'static str, output: Output) -> Bar {
        let watched = std::io::stderr().is_terminal()
            && (output == Output::AtTheEnd || !std::io::stdout().is_terminal());
        Bar {
            bar: watched.then(|| ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())),
            label,
            started: Instant::now(),
            shown: false,
        }
    }

    /// Wipe the bar: the run is over (or a message must be printed).
    pub fn finish(&mut self) {
        if let Some(b) = self.bar.take() {
            b.finish_and_clear();
        }
    }

    fn show(&mut self, b: &ProgressBar) {
        let template = format!(
            "{} {{bar:30}} {{pos}}/{{len}} files  {{rate}} files/s  {{eta}} left",
            self.label
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            let rate = |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0}", s.per_sec());
            };
            b.set_style(style.progress_chars("█▌ ").with_key("rate", rate));
        }
        b.set_draw_target(ProgressDrawTarget::stderr());
        // Redrawn as time passes, so the rate and the time left move on even
        // while one large file is read.
        b.enable_steady_tick(Duration::from_millis(200));
        // Drawn now: with a ticker installed, `inc` never draws, and the
        // ticker's first frame is a tick away (a run ending sooner showed nothing).
        b.force_draw();
        self.shown = true;
    }
}

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        if let Some(b) = &self.bar {
            b.set_length(total as u64);
            b.reset_eta();
        }
        self.started = Instant::now();
    }

    fn advance(&mut self) {
        let Some(b) = self.bar.clone() else { return };
        b.inc(1);
        if !self.shown && self.started.elapsed() >= DELAY {
            self.show(&b);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.finish();
    }
}
