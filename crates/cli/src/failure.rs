//! How a command fails: a message for stderr and an exit code.

use std::fmt;

/// A failed command. Exit code 1 means the command ran and said no (an invalid
/// token, a file that already exists); 2 means it could not run as asked (bad
/// arguments, an unreadable or unusable key file), as for clap's usage errors.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Exit 1: the command ran and the answer is no.
    pub fn rejected(message: impl fmt::Display) -> Self {
        Failure {
            code: 1,
            message: message.to_string(),
        }
    }

    /// Exit 2: the command could not run with these arguments.
    pub fn usage(message: impl fmt::Display) -> Self {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        self.code
    }

    /// The text for stderr.
    pub fn message(&self) -> &str {
        &self.message
    }
}
