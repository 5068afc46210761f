//! Writing the cloud assembly: all files into a fresh folder, then one rename into
//! place, so a failed synthesis never leaves a half-written `cdk.out`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::synth::{RenderedAssembly, ASSEMBLY_VERSION};

fn write_file(dir: &Path, name: &str, content: &str) -> Result<(), Error> {
    let path = dir.join(name);
    let mut f = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
    f.write_all(content.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(())
}

/// Every file of the assembly with its name, in the order they are written.
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

/// Writes the assembly into `outdir`, replacing what was there only once every file is
/// complete.
pub(crate) fn write(outdir: &Path, rendered: &RenderedAssembly) -> Result<(), Error> {
    let parent = match outdir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = outdir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cdk.out".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.tmp-"))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(outdir, e))?;
    let cdk_out = format!("{{\"version\":\"{ASSEMBLY_VERSION}\"}}");
    write_file(staging.path(), "cdk.out", &cdk_out)?;
    for (file, content) in files(rendered) {
        write_file(staging.path(), &file, content)?;
    }
    if std::env::var_os("IVS_CDK_FAIL_WRITE_FOR_TEST").is_some() {
        return Err(Error::io(
            outdir,
            std::io::Error::other("write failed on purpose (IVS_CDK_FAIL_WRITE_FOR_TEST)"),
        ));
    }
    let staged = staging.keep();
    // Swap: move the old folder aside, move the new one in, then delete the old one.
    let backup = if outdir.exists() {
        let b = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&b);
        if let Err(e) = fs::rename(outdir, &b) {
            let _ = fs::remove_dir_all(&staged);
            return Err(Error::io(outdir, e));
        }
        Some(b)
    } else {
        None
    };
    if let Err(e) = fs::rename(&staged, outdir) {
        if let Some(b) = &backup {
            let _ = fs::rename(b, outdir);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(Error::io(outdir, e));
    }
    if let Some(b) = backup {
        let _ = fs::remove_dir_all(b);
    }
    Ok(())
}
