//! `ivs-cdk lint TEMPLATE...`: checks the IVS and IVSChat resources of CloudFormation
//! templates (JSON or YAML, by hand, by SAM or by the CDK) against the schema
//! constraints and the IVS rules, the same checks that run at synth time.

use std::fs;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use ivs_cdk::validation::{lint_template, LintFinding};
use ivs_cdk::Severity;
use serde_json::{json, Value as Json};

use crate::Failure;

/// Arguments of `lint`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when no template has an error, 1 when one has, 2 when a file cannot be read as a template.\n\nExample:\n  ivs-cdk lint cdk.out/MyStack.template.json template.yaml"
)]
pub struct Args {
    /// The templates to check (JSON or YAML; CloudFormation short-form tags such as
    /// `!Ref` and `!GetAtt` are understood).
    #[arg(required = true, value_name = "TEMPLATE")]
    pub templates: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One finding per line, for people.
    Text,
    /// One JSON document, for machines.
    Json,
}

struct Report {
    path: PathBuf,
    outcome: Result<Vec<LintFinding>, String>,
}

/// Runs `lint`.
pub fn run(args: &Args) -> Result<(), Failure> {
    let reports: Vec<Report> = args
        .templates
        .iter()
        .map(|path| Report {
            path: path.clone(),
            outcome: read_template(path).and_then(|t| lint_template(&t)),
        })
        .collect();
    let count = |severity: Severity| {
        reports
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok())
            .flatten()
            .filter(|f| f.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let unreadable = reports.iter().filter(|r| r.outcome.is_err()).count();
    match args.format {
        Format::Text => print_text(&reports),
        Format::Json => print_json(&reports, errors, warnings),
    }
    let summary = format!(
        "{errors} error{}, {warnings} warning{} in {} template{}",
        plural(errors),
        plural(warnings),
        reports.len() - unreadable,
        plural(reports.len() - unreadable)
    );
    if unreadable > 0 {
        return Err(Failure::usage(format!(
            "{unreadable} file{} could not be read as a template; {summary}",
            plural(unreadable)
        )));
    }
    if errors > 0 || (args.strict && warnings > 0) {
        return Err(Failure::rejected(summary));
    }
    if args.format == Format::Text {
        println!("{summary}");
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn print_text(reports: &[Report]) {
    for r in reports {
        let file = r.path.display();
        match &r.outcome {
            Err(e) => eprintln!("{file}: cannot read: {e}"),
            Ok(findings) => {
                for f in findings {
                    let what = if f.resource_type.is_empty() {
                        format!("{}/{}", f.section, f.logical_id)
                    } else {
                        format!("{} ({})", f.logical_id, f.resource_type)
                    };
                    let at = f
                        .property
                        .as_deref()
                        .map(|p| format!(" {p}"))
                        .unwrap_or_default();
                    println!(
                        "{file}: {}[{}] {what}{at}: {}",
                        severity_name(f.severity),
                        f.rule,
                        f.message
                    );
                }
            }
        }
    }
}

fn print_json(reports: &[Report], errors: usize, warnings: usize) {
    let files: Vec<Json> = reports
        .iter()
        .map(|r| match &r.outcome {
            Err(e) => json!({ "path": r.path.display().to_string(), "error": e, "findings": [] }),
            Ok(findings) => json!({
                "path": r.path.display().to_string(),
                "error": null,
                "findings": findings.iter().map(|f| json!({
                    "section": f.section,
                    "logicalId": f.logical_id,
                    "resourceType": f.resource_type,
                    "severity": severity_name(f.severity),
                    "property": f.property,
                    "rule": f.rule,
                    "message": f.message,
                })).collect::<Vec<_>>(),
            }),
        })
        .collect();
    let doc = json!({ "files": files, "errors": errors, "warnings": warnings });
    println!(
        "{}",
        serde_json::to_string_pretty(&doc).unwrap_or_else(|_| doc.to_string())
    );
}

/// Reads a template as JSON, or as YAML when it is not JSON.
fn read_template(path: &Path) -> Result<Json, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let looks_json = text.trim_start().starts_with('{');
    if looks_json {
        if let Ok(j) = serde_json::from_str::<Json>(&text) {
            return Ok(j);
        }
    }
    match serde_yaml::from_str::<serde_yaml::Value>(&text) {
        Ok(y) => yaml_to_json(y),
        Err(e) if looks_json => Err(format!(
            "not valid JSON: {}",
            serde_json::from_str::<Json>(&text)
                .err()
                .map_or_else(|| e.to_string(), |e| e.to_string())
        )),
        Err(e) => Err(format!("not valid JSON or YAML: {e}")),
    }
}

/// YAML to JSON, with the CloudFormation short forms (`!Ref X`, `!GetAtt A.B`,
/// `!Sub ...`, `!If [...]`) turned into their long forms.
fn yaml_to_json(y: serde_yaml::Value) -> Result<Json, String> {
    use serde_yaml::Value as Y;
    Ok(match y {
        Y::Null => Json::Null,
        Y::Bool(b) => Json::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Json::Null, Json::Number)
            }
        }
        Y::String(s) => Json::String(s),
        Y::Sequence(items) => Json::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    other => return Err(format!("unsupported mapping key {other:?}")),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Json::Object(out)
        }
        Y::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!').to_owned();
            let value = yaml_to_json(tagged.value)?;
            let (key, value) = match name.as_str() {
                "Ref" | "Condition" => (name, value),
                "GetAtt" => {
                    let value = match value {
                        Json::String(s) => match s.split_once('.') {
                            Some((r, a)) => json!([r, a]),
                            None => Json::String(s),
                        },
                        other => other,
                    };
                    ("Fn::GetAtt".to_owned(), value)
                }
                _ => (format!("Fn::{name}"), value),
            };
            let mut out = serde_json::Map::new();
            out.insert(key, value);
            Json::Object(out)
        }
    })
}
