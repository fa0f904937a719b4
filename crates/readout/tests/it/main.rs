//! The `readout` command as a user runs it: real binary, real files, a temporary store.

mod cli;
mod crash;
mod signals;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder with a store in it, and the binary to run against it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Default for Env {
    fn default() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_readout"));
        c.env("READOUT_DB", self.db())
            .env_remove("READOUT_PACK")
            .env_remove("READOUT_LOG");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.cmd().args(args).output().unwrap())
    }

    pub fn ingest(&self, path: &Path) -> Run {
        self.run(&["ingest", path.to_str().unwrap()])
    }
}

/// A finished run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts the exit code, showing both streams when it differs.
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// One JSON Lines record.
pub fn record(outlet: &str, published: &str, title: &str, body: &str) -> String {
    serde_json::json!({"outlet": outlet, "published": published, "title": title, "body": body, "lang": "en"})
        .to_string()
}
