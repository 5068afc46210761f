//! Schema patterns: translation to the `regex` crate's syntax, and a hint that says
//! in words what a pattern allows.

/// The pattern in the syntax of the `regex` crate, with the same meaning as the
/// ECMA-262 pattern of the schema.
///
/// - `\d` is ASCII digits in ECMA-262 but any Unicode digit in `regex`: written
///   `[0-9]`.
/// - A look-ahead such as `^(?!aws:).*` has no `regex` equivalent; none of the
///   schemas in use has one. Should one appear, the generator fails so that it is
///   translated here by hand rather than dropped.
pub fn translate(pattern: &str) -> String {
    assert!(
        !pattern.contains("(?!") && !pattern.contains("(?="),
        "pattern {pattern:?} has a look-ahead: translate it by hand in patterns.rs"
    );
    let mut out = String::new();
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let next = chars.next().unwrap_or('\\');
                if next == 'd' {
                    out.push_str(if in_class { "0-9" } else { "[0-9]" });
                } else {
                    out.push('\\');
                    out.push(next);
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            // A '-' in a class that cannot start a range is literal in ECMA-262
            // (`[a-z0-9-.]`); `regex` wants it escaped.
            '-' if in_class && !out.ends_with('[') && chars.peek() != Some(&']') => {
                let after_range = ends_with_range(&out);
                if after_range {
                    out.push_str("\\-");
                } else {
                    out.push('-');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether the class text so far ends with a complete range such as `0-9`.
fn ends_with_range(s: &str) -> bool {
    let b: Vec<char> = s.chars().collect();
    let n = b.len();
    n >= 3 && b[n - 2] == '-' && b[n - 3] != '\\' && b[n - 3] != '['
}

/// What a pattern allows, in words, for error messages.
pub fn hint(pattern: &str) -> String {
    let known = match pattern {
        "^[a-zA-Z0-9-_]*$" => Some("use only letters, digits, '-' and '_'"),
        "^[a-z0-9-.]+$" => Some("use only lowercase letters, digits, '-' and '.'"),
        "^[a-zA-Z0-9]+$" => Some("use only letters and digits"),
        "^[a-zA-Z0-9_.-]+$" => Some("use only letters, digits, '_', '.' and '-'"),
        "^[\\.\\-_/#A-Za-z0-9]+$" => Some("use only letters, digits, '.', '-', '_', '/' and '#'"),
        "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+)$" => {
            Some("use at least one of: letters, digits, spaces and _ . : / = + - @")
        }
        "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$" => {
            Some("use only letters, digits, spaces and _ . : / = + - @")
        }
        "[0-9]+" => Some("use digits"),
        "^([a-z0-9][a-z0-9.-]*[a-z0-9])?$" => Some(
            "use lowercase letters, digits, '.' and '-', starting and ending with a letter or digit",
        ),
        _ => None,
    };
    if let Some(h) = known {
        return h.to_owned();
    }
    if pattern.contains("BEGIN PUBLIC KEY") {
        return "give a PEM public key: '-----BEGIN PUBLIC KEY-----', base64 lines, '-----END PUBLIC KEY-----'".to_owned();
    }
    if pattern.contains("\\d{4})-") {
        return "give a UTC date and time such as 2030-01-31T00:00:00Z".to_owned();
    }
    if pattern.contains("arn:aws") {
        let mut shape = pattern
            .trim_start_matches("^$|")
            .trim_start_matches('^')
            .trim_end_matches('$')
            .to_owned();
        for (from, to) in [
            ("[-a-z]*", ""),
            ("[a-z0-9-]+", "<region>"),
            ("[0-9]{12}", "<account>"),
            ("[0-9]+", "<account>"),
            ("[a-zA-Z0-9-]+", "<id>"),
            (".+", "<name>"),
        ] {
            shape = shape.replace(from, to);
        }
        let empty = if pattern.starts_with("^$|") {
            ", an empty string"
        } else {
            ""
        };
        return format!(
            "give an ARN of the form {shape}{empty}, or a Ref or Fn::GetAtt of the resource"
        );
    }
    format!("give a value that matches {pattern}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_dashes_in_classes_are_escaped() {
        assert_eq!(translate("^[a-z0-9-.]+$"), "^[a-z0-9\\-.]+$");
        assert_eq!(translate("^[a-zA-Z0-9-_]*$"), "^[a-zA-Z0-9\\-_]*$");
        assert_eq!(translate("^[a-zA-Z0-9_.-]+$"), "^[a-zA-Z0-9_.-]+$");
        assert_eq!(translate("^(\\d{4})$"), "^([0-9]{4})$");
    }

    #[test]
    fn arn_hints_show_the_shape() {
        assert_eq!(
            hint("^$|arn:aws:ivs:[a-z0-9-]+:[0-9]+:recording-configuration/[a-zA-Z0-9-]+$"),
            "give an ARN of the form arn:aws:ivs:<region>:<account>:recording-configuration/<id>, an empty string, or a Ref or Fn::GetAtt of the resource"
        );
    }
}
