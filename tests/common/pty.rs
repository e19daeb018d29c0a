//! The real binary in a pseudo-terminal (portable-pty), its screen read back
//! through a vt100 parser.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::cli::BIN;

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// One process in a terminal of its own.
pub struct Session {
    pub screen: Arc<Mutex<vt100::Parser>>,
    /// The terminal's input; `None` once the test has let go of it.
    pub writer: Option<Arc<Mutex<Box<dyn Write + Send>>>>,
    pub child: Box<dyn Child + Send + Sync>,
    /// The terminal's master side; `None` once the test has let go of it.
    pub master: Option<Box<dyn MasterPty + Send>>,
    /// Asks the reader thread to drop its end of the terminal at its next read.
    pub stop_reading: Arc<AtomicBool>,
    /// Set by the reader thread once it has dropped its end.
    pub reader_done: Arc<AtomicBool>,
    /// How long [`Session::wait_for`] waits.
    pub patience: Duration,
    /// Every byte the program wrote to the terminal, as written.
    pub raw: Arc<Mutex<Vec<u8>>>,
}

/// `cmd` plus the arguments and environment of a review session in workspace
/// `ws` (see `corpus::workspace`): `review data --reviewer tester`, run in `ws`,
/// HOME and XDG_CONFIG_HOME inside it, an xterm TERM, then `env`.
pub fn review_args(mut cmd: CommandBuilder, ws: &Path, env: &[(&str, &str)]) -> CommandBuilder {
    cmd.args(["review", "data", "--reviewer", "tester"]);
    cmd.cwd(ws);
    cmd.env("HOME", ws.join("home"));
    cmd.env("XDG_CONFIG_HOME", ws.join("home/.config"));
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// `zongjie review` in workspace `ws`, as [`review_args`] says.
pub fn review_command(ws: &Path, env: &[(&str, &str)]) -> CommandBuilder {
    review_args(CommandBuilder::new(BIN), ws, env)
}

/// `zongjie review` on workspace `ws` in a new terminal of [`ROWS`] × [`COLS`].
pub fn start(ws: &Path, env: &[(&str, &str)]) -> Session {
    spawn(review_command(ws, env))
}

/// Runs `cmd` in a new terminal of [`ROWS`] × [`COLS`]. A thread feeds what it
/// prints to the screen and answers cursor position queries as a terminal would.
pub fn spawn(cmd: CommandBuilder) -> Session {
    let pair = native_pty_system().openpty(size(ROWS, COLS)).unwrap();
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
    let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(ROWS), nz(COLS), 0)));
    let stop_reading = Arc::new(AtomicBool::new(false));
    let reader_done = Arc::new(AtomicBool::new(false));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let (s2, w2, stop2, done2, raw2) = (
        screen.clone(),
        writer.clone(),
        stop_reading.clone(),
        reader_done.clone(),
        raw.clone(),
    );
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || stop2.load(Ordering::SeqCst) {
                break;
            }
            raw2.lock().unwrap().extend_from_slice(&buf[..n]);
            let mut p = s2.lock().unwrap();
            p.process(&buf[..n]);
            if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let (r, c) = p.screen().cursor_position();
                let mut w = w2.lock().unwrap();
                let _ = write!(w, "\x1b[{};{}R", r + 1, c + 1);
                let _ = w.flush();
            }
        }
        drop(reader);
        done2.store(true, Ordering::SeqCst);
    });
    Session {
        screen,
        writer: Some(writer),
        child,
        master: Some(pair.master),
        stop_reading,
        reader_done,
        patience: Duration::from_secs(15),
        raw,
    }
}

/// `zongjie review` on workspace `ws`, 10 s to wait for a screen, once its list
/// is loaded.
pub fn start_loaded(ws: &Path) -> Session {
    let mut s = start(ws, &[]);
    s.patience = Duration::from_secs(10);
    s.wait_for("the list", loaded);
    s
}

/// The list of reports is on screen and every file is parsed.
pub fn loaded(t: &str) -> bool {
    t.contains("reports done") && !t.contains("parsing ") && t.contains("ready: ")
}

impl Session {
    /// The screen's text now.
    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits up to [`Session::patience`] for the screen to meet `cond`; its text.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let until = Instant::now() + self.patience;
        loop {
            let t = self.text();
            if cond(&t) {
                return t;
            }
            assert!(
                Instant::now() < until,
                "timed out waiting for {what}; screen:\n{t}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Writes `bytes` to the terminal.
    pub fn try_send(&self, bytes: &[u8]) -> std::io::Result<()> {
        let w = self.writer.as_ref().expect("terminal open");
        let mut w = w.lock().unwrap();
        w.write_all(bytes)?;
        w.flush()
    }

    pub fn send(&self, bytes: &[u8]) {
        self.try_send(bytes).unwrap();
    }

    /// Presses keys, 60 ms apart: names split by spaces, `Enter`, `BS`, `Tab`,
    /// `S-Tab`, `Esc`, `C-r`, `C-c`, `SP` for a space, anything else as its characters.
    pub fn press(&self, keys: &str) {
        for k in keys.split(' ').filter(|k| !k.is_empty()) {
            let bytes: Vec<u8> = match k {
                "Enter" => b"\r".to_vec(),
                "BS" => vec![0x7f],
                "Tab" => b"\t".to_vec(),
                "S-Tab" => b"\x1b[Z".to_vec(),
                "Esc" => b"\x1b".to_vec(),
                "C-r" => vec![0x12],
                "C-c" => vec![0x03],
                "SP" => b" ".to_vec(),
                other => other.as_bytes().to_vec(),
            };
            self.send(&bytes);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    /// Types `s` at once, then gives it 100 ms.
    pub fn type_text(&self, s: &str) {
        self.send(s.as_bytes());
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Both the screen and the terminal take a new size.
    pub fn resize(&self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("terminal open")
            .resize(size(rows, cols))
            .unwrap();
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Sends a signal (`-TERM`, `-KILL`, …) with `kill`.
    pub fn signal(&self, sig: &str) {
        let ok = std::process::Command::new("kill")
            .args([sig, &self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig}");
    }

    /// Waits up to `limit` for the process to end.
    pub fn exited_within(&mut self, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            if Instant::now() > until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits up to 10 s for the process to end (else kills it and fails), then
    /// lets the reader take in the last bytes.
    pub fn wait_exit(&mut self) {
        if !self.exited_within(Duration::from_secs(10)) {
            let _ = self.child.kill();
            panic!("did not exit; screen:\n{}", self.text());
        }
        std::thread::sleep(Duration::from_millis(150));
    }

    /// The terminal's own settings, read from its slave side by `stty`.
    pub fn stty(&self) -> String {
        let name: PathBuf = self
            .master
            .as_ref()
            .and_then(|m| m.tty_name())
            .expect("pty name");
        let out = super::cli::output_ok(
            std::process::Command::new("stty")
                .args(["-a", "-F"])
                .arg(&name),
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Normal screen and a visible cursor; `how` names the way out in a failure.
    pub fn assert_screen_restored(&self, how: &str) {
        let p = self.screen.lock().unwrap();
        let s = p.screen();
        assert!(!s.alternate_screen(), "{how}: alternate screen left");
        assert!(!s.hide_cursor(), "{how}: cursor left hidden");
    }

    /// Normal screen, visible cursor, and the line discipline back in cooked mode.
    pub fn assert_restored(&self, how: &str) {
        self.assert_screen_restored(how);
        let st = self.stty();
        let words: Vec<&str> = st.split_whitespace().collect();
        for flag in ["icanon", "echo", "isig"] {
            assert!(words.contains(&flag), "{how}: {flag} off after exit:\n{st}");
        }
    }

    /// The terminal is in raw mode (no line editing, no echo).
    pub fn assert_raw(&self) {
        let st = self.stty();
        let words: Vec<&str> = st.split_whitespace().collect();
        assert!(
            words.contains(&"-icanon") && words.contains(&"-echo"),
            "raw while running:\n{st}"
        );
    }
}
