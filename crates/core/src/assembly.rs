//! Writing the cloud assembly: all files into a fresh folder beside the output folder,
//! then one swap into place, so a failed synthesis never leaves a half-written
//! `cdk.out` and the previous one stays as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::synth::{RenderedAssembly, ASSEMBLY_VERSION};

/// A folder being filled with a new assembly; removed when dropped uncommitted.
pub(crate) struct Staging {
    dir: Option<tempfile::TempDir>,
    outdir: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Staging {
    /// A new empty staging folder beside `outdir` (same file system, so the final
    /// rename is atomic).
    pub fn new(outdir: &Path) -> Result<Staging, Error> {
        check_replaceable(outdir)?;
        let parent = match outdir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = outdir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "cdk.out".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            // The temporary name would only confuse: name the folder the user chose.
            .map_err(|e| Error::io(&parent, std::io::Error::from(e.kind())))?;
        Ok(Staging {
            dir: Some(dir),
            outdir: outdir.to_path_buf(),
            parent,
            name,
        })
    }

    fn path(&self) -> &Path {
        match &self.dir {
            Some(d) => d.path(),
            None => &self.parent,
        }
    }

    /// Creates a file of the assembly for writing.
    pub fn create(&self, file: &str) -> Result<StagedFile, Error> {
        let path = self.path().join(file);
        let f = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        Ok(StagedFile { file: f, path })
    }

    /// Writes a whole file of the assembly.
    pub fn write(&self, file: &str, content: &str) -> Result<(), Error> {
        self.create(file)?.write(content.as_bytes())
    }

    /// Adds the `cdk.out` marker, then swaps the staged folder into place: the old
    /// folder is moved aside, the new one moved in, the old one deleted.
    pub fn commit(mut self) -> Result<(), Error> {
        let outdir = self.outdir.clone();
        self.write(
            "cdk.out",
            &format!("{{\"version\":\"{ASSEMBLY_VERSION}\"}}"),
        )?;
        if std::env::var_os("IVS_CDK_FAIL_WRITE_FOR_TEST").is_some() {
            return Err(Error::io(
                &outdir,
                std::io::Error::other("write failed on purpose (IVS_CDK_FAIL_WRITE_FOR_TEST)"),
            ));
        }
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        let staged = dir.keep();
        // The `cdk` CLI's lock files stay in place, so that it can release them.
        if let Ok(entries) = fs::read_dir(&outdir) {
            for e in entries.filter_map(Result::ok) {
                if is_lock_file(&e.file_name()) {
                    let _ = fs::copy(e.path(), staged.join(e.file_name()));
                }
            }
        }
        let backup = if outdir.exists() {
            // A unique name, so that several apps of one process can swap at once.
            let b = tempfile::Builder::new()
                .prefix(&format!(".{}.old-", self.name))
                .tempdir_in(&self.parent)
                .map(tempfile::TempDir::keep)
                .map_err(|e| Error::io(&outdir, e));
            let b = match b {
                Ok(b) => b,
                Err(e) => {
                    let _ = fs::remove_dir_all(&staged);
                    return Err(e);
                }
            };
            // rename(2) replaces the empty placeholder folder.
            if let Err(e) = fs::rename(&outdir, &b) {
                let _ = fs::remove_dir_all(&b);
                let _ = fs::remove_dir_all(&staged);
                return Err(Error::io(&outdir, e));
            }
            Some(b)
        } else {
            None
        };
        if let Err(e) = fs::rename(&staged, &outdir) {
            if let Some(b) = &backup {
                let _ = fs::rename(b, &outdir);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(Error::io(&outdir, e));
        }
        if let Some(b) = backup {
            let _ = fs::remove_dir_all(b);
        }
        Ok(())
    }
}

/// The output folder is replaced as a whole, so it must be one this library (or the
/// CDK) wrote, or empty: never a folder of the user's own files.
fn check_replaceable(outdir: &Path) -> Result<(), Error> {
    let meta = match fs::symlink_metadata(outdir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(outdir, e)),
    };
    if !meta.is_dir() {
        return Err(Error::io(
            outdir,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "it exists and is not a folder; choose another output folder (CDK_OUTDIR)",
            ),
        ));
    }
    // A cloud assembly has the `cdk.out` marker, `{"version":"..."}`: a `manifest.json`
    // alone proves nothing (web apps have one too).
    let is_assembly = fs::read_to_string(outdir.join("cdk.out"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .is_some_and(|marker| {
            marker
                .get("version")
                .is_some_and(serde_json::Value::is_string)
        });
    // Empty but for the `cdk` CLI's lock files (it locks the folder before running the app).
    let is_empty = fs::read_dir(outdir)
        .map_err(|e| Error::io(outdir, e))?
        .filter_map(Result::ok)
        .all(|e| is_lock_file(&e.file_name()));
    if is_assembly || is_empty {
        return Ok(());
    }
    Err(Error::io(
        outdir,
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "the folder holds files but no cloud assembly (no cdk.out marker file), and synthesis replaces the whole folder; choose an empty or new output folder (CDK_OUTDIR)",
        ),
    ))
}

fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().ends_with(".lock")
}

/// One file being written into the staging folder.
pub(crate) struct StagedFile {
    file: fs::File,
    path: PathBuf,
}

impl StagedFile {
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.file
            .write_all(bytes)
            .map_err(|e| Error::io(&self.path, e))
    }
}

/// Every file of an in-memory assembly with its name, in the order they are written.
pub(crate) fn files(rendered: &RenderedAssembly) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    for s in &rendered.stacks {
        out.push((format!("{}.template.json", s.artifact_id), &s.template));
        if let Some(a) = &s.assets {
            out.push((format!("{}.assets.json", s.artifact_id), a));
        }
        out.push((format!("{}.metadata.json", s.artifact_id), &s.metadata));
    }
    out.push(("tree.json".into(), &rendered.tree));
    out.push(("manifest.json".into(), &rendered.manifest));
    out
}

/// Writes an in-memory assembly into `outdir`, replacing what was there only once every
/// file is complete.
pub(crate) fn write(outdir: &Path, rendered: &RenderedAssembly) -> Result<(), Error> {
    let staging = Staging::new(outdir)?;
    for (file, content) in files(rendered) {
        staging.write(&file, content)?;
    }
    staging.commit()
}
