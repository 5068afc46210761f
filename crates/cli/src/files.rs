//! Reading key files and writing new ones safely.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;

use zeroize::Zeroizing;

use crate::Failure;

/// Reads a key file as text, in a buffer wiped when dropped; a missing or
/// unreadable file is a usage error.
pub fn read_key(path: &Path, what: &str) -> Result<Zeroizing<String>, Failure> {
    let bytes = Zeroizing::new(fs::read(path).map_err(|e| {
        Failure::usage(format!(
            "cannot read the {what} file {}: {e}",
            path.display()
        ))
    })?);
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(Zeroizing::new(text.to_string())),
        Err(_) => Err(Failure::usage(format!(
            "the {what} file {} is not text; expected a PEM file (DER is not supported here)",
            path.display()
        ))),
    }
}

/// Writes a new file; refuses to replace an existing one unless `force`.
/// With `private`, the file is created with mode 0600 (owner read/write only).
pub fn write_new(path: &Path, contents: &[u8], force: bool, private: bool) -> Result<(), Failure> {
    if path.exists() {
        if !force {
            return Err(Failure::rejected(format!(
                "{} already exists; pass --force to overwrite it",
                path.display()
            )));
        }
        // Remove first so the new file gets our mode, not the old file's.
        fs::remove_file(path)
            .map_err(|e| Failure::rejected(format!("cannot replace {}: {e}", path.display())))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options
        .open(path)
        .map_err(|e| Failure::rejected(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Failure::rejected(format!("cannot write {}: {e}", path.display())))
}
