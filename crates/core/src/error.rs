//! The one error type of synthesis, and the problems it carries.

use std::fmt;
use std::path::PathBuf;

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational; written to the manifest as `aws:cdk:info`.
    Info,
    /// Synthesis goes on; written to the manifest as `aws:cdk:warning` (the `cdk` CLI
    /// prints it, and `cdk synth --strict` fails on it).
    Warning,
    /// Synthesis fails; nothing is written.
    Error,
}

impl Severity {
    /// The cloud-assembly metadata type of an annotation of this severity.
    pub fn metadata_type(self) -> &'static str {
        match self {
            Severity::Info => "aws:cdk:info",
            Severity::Warning => "aws:cdk:warning",
            Severity::Error => "aws:cdk:error",
        }
    }
}

/// One thing wrong (or worth saying) about the app, tied to a construct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// How serious it is.
    pub severity: Severity,
    /// The construct path, e.g. `MyStack/Channel`; empty for the app itself.
    pub path: String,
    /// The property concerned, as a CloudFormation property path (`Name`,
    /// `MultitrackInputConfiguration.Policy`), when there is one.
    pub property: Option<String>,
    /// A stable identifier of the rule, e.g. `channel-name-pattern`.
    pub rule: String,
    /// What was wrong, with the offending value (never a secret) and what is allowed.
    pub message: String,
}

impl Problem {
    /// A new problem.
    pub fn new(
        severity: Severity,
        path: impl Into<String>,
        rule: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            severity,
            path: path.into(),
            property: None,
            rule: rule.into(),
            message: message.into(),
        }
    }

    /// The same problem, naming a property.
    pub fn with_property(mut self, property: impl Into<String>) -> Self {
        self.property = Some(property.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "<app>"
        } else {
            &self.path
        };
        write!(f, "[{path}]")?;
        if let Some(p) = &self.property {
            write!(f, " {p}:")?;
        }
        write!(f, " {} ({})", self.message, self.rule)
    }
}

/// The category of an [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The app is invalid: see [`Error::problems`] (all of them, not only the first).
    Invalid,
    /// The cloud assembly could not be written.
    Io,
}

struct Inner {
    kind: ErrorKind,
    problems: Vec<Problem>,
    io: Option<(PathBuf, std::io::Error)>,
}

/// Why synthesis failed. Cheap to move; ask [`Error::kind`] for the category and
/// [`Error::problems`] for every problem found.
pub struct Error(Box<Inner>);

impl Error {
    pub(crate) fn invalid(problems: Vec<Problem>) -> Self {
        Error(Box::new(Inner {
            kind: ErrorKind::Invalid,
            problems,
            io: None,
        }))
    }

    pub(crate) fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Self {
        Error(Box::new(Inner {
            kind: ErrorKind::Io,
            problems: Vec::new(),
            io: Some((path.into(), err)),
        }))
    }

    /// The category of the error.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Every error-severity problem of the app, in construct-tree order.
    pub fn problems(&self) -> &[Problem] {
        &self.0.problems
    }

    /// For an I/O error, the path that could not be written.
    pub fn io_path(&self) -> Option<&std::path::Path> {
        self.0.io.as_ref().map(|(p, _)| p.as_path())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.kind {
            ErrorKind::Invalid => {
                let n = self.0.problems.len();
                write!(
                    f,
                    "synthesis failed with {n} error{}:",
                    if n == 1 { "" } else { "s" }
                )?;
                for p in &self.0.problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
            ErrorKind::Io => match &self.0.io {
                Some((path, err)) => {
                    write!(
                        f,
                        "cannot write the cloud assembly at {}: {err}",
                        path.display()
                    )
                }
                None => f.write_str("cannot write the cloud assembly"),
            },
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .io
            .as_ref()
            .map(|(_, e)| e as &(dyn std::error::Error + 'static))
    }
}
