//! Rust names and doc text from CloudFormation names and schema descriptions.

/// `snake_case` of a CloudFormation name: `RecordingConfigurationArn` →
/// `recording_configuration_arn`, `S3TablesDestination` → `s3_tables_destination`,
/// `WebsiteURL` → `website_url`.
pub fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None => false,
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_ascii_uppercase() => next.is_some_and(|n| n.is_ascii_lowercase()),
                Some(_) => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// A field name: `snake_case`, with `r#` before a keyword (`Type` → `r#type`).
pub fn field(name: &str) -> String {
    let s = snake(name);
    if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// `SCREAMING_SNAKE_CASE`, for statics.
pub fn upper_snake(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

/// A `PascalCase` enum variant from an enumerated value: `FULL_HD` → `FullHd`,
/// `aws:kms:dsse` → `AwsKmsDsse`, `s3:ObjectCreated:*` → `S3ObjectCreatedAny`,
/// the empty string → `Empty`.
pub fn variant(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    let mut out = String::new();
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let mixed = word.chars().any(|c| c.is_ascii_lowercase())
            && word.chars().any(|c| c.is_ascii_uppercase());
        let mut cs = word.chars();
        if let Some(first) = cs.next() {
            out.push(first.to_ascii_uppercase());
            if mixed {
                out.extend(cs);
            } else {
                out.extend(cs.map(|c| c.to_ascii_lowercase()));
            }
        }
    }
    if value.contains('*') {
        out.push_str("Any");
    }
    if out.is_empty() {
        out.push_str("Value");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// The singular of a list property's name, for the enum of its items
/// (`Renditions` → `Rendition`, `MediaTypes` → `MediaType`).
pub fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("ss") {
        name.to_owned()
    } else if let Some(stem) = name.strip_suffix('s') {
        stem.to_owned()
    } else {
        name.to_owned()
    }
}

/// A schema description as rustdoc text: one paragraph; markdown links kept, bare
/// URLs made autolinks, and what could be misread (HTML-like `<...>`, other `[...]`,
/// `*`) escaped.
pub fn doc_text(description: &str) -> String {
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = flat.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if chars[i] == '[' {
            // A markdown link to an absolute URL: `[text](https://...)`.
            if let Some(close) = rest.find("](http") {
                let text = &rest[1..close];
                if !text.contains('[') && !text.contains(']') {
                    if let Some(end) = rest[close..].find(')') {
                        let url = &rest[close + 2..close + end];
                        if !url.contains(' ') {
                            out.push('[');
                            out.push_str(&escape(text));
                            out.push_str("](");
                            out.push_str(url);
                            out.push(')');
                            i += rest[..close + end + 1].chars().count();
                            continue;
                        }
                    }
                }
            }
        }
        if rest.starts_with("http://") || rest.starts_with("https://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == '"' || c == '\'')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            i += url.chars().count();
            continue;
        }
        out.push_str(&escape(&chars[i].to_string()));
        i += 1;
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\\' => out.push_str("\\\\"),
            '*' => out.push_str("\\*"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes `text` as `///` doc lines wrapped near 90 columns, indented by `indent`.
pub fn doc_lines(out: &mut String, indent: &str, text: &str) {
    let mut line = String::new();
    for word in text.split(' ') {
        // A line must not start with what markdown reads as a list item, a heading,
        // a quote or a setext underline.
        let block_start = matches!(word, "+" | "-" | "*" | "#" | ">" | "=" | "|")
            || word.starts_with('#')
            || word.starts_with('>')
            || word.starts_with("- ")
            || (word.len() > 1
                && word[..word.len() - 1].bytes().all(|b| b.is_ascii_digit())
                && (word.ends_with('.') || word.ends_with(')')));
        if !line.is_empty() && line.len() + word.len() + 1 > 88 && !block_start {
            out.push_str(&format!("{indent}/// {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if line.is_empty() {
        out.push_str(&format!("{indent}///\n"));
    } else {
        out.push_str(&format!("{indent}/// {line}\n"));
    }
}

/// A Rust string literal.
pub fn lit(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_cloudformation_names() {
        assert_eq!(
            snake("RecordingConfigurationArn"),
            "recording_configuration_arn"
        );
        assert_eq!(snake("S3TablesDestination"), "s3_tables_destination");
        assert_eq!(snake("WebsiteURL"), "website_url");
        assert_eq!(snake("KMSMasterKeyID"), "kms_master_key_id");
        assert_eq!(snake("S3"), "s3");
        assert_eq!(field("Type"), "r#type");
    }

    #[test]
    fn variants_of_enumerated_values() {
        assert_eq!(variant("FULL_HD"), "FullHd");
        assert_eq!(variant(""), "Empty");
        assert_eq!(variant("aws:kms:dsse"), "AwsKmsDsse");
        assert_eq!(variant("s3:ObjectCreated:*"), "S3ObjectCreatedAny");
        assert_eq!(variant("SSE-C"), "SseC");
    }
}
