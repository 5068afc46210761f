//! A streaming JSON writer that formats exactly as JavaScript's
//! `JSON.stringify(value, null, indent)`: the CDK's output format. Templates are
//! written with it straight from the construct tree, without an intermediate document.

use serde_json::Value as Json;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    Object { empty: bool },
    Array { empty: bool },
}

pub(crate) struct JsonWriter {
    pub out: String,
    indent: &'static str,
    frames: Vec<Frame>,
}

impl JsonWriter {
    /// A writer with this indent per level; `""` writes compact JSON.
    pub fn new(indent: &'static str, capacity: usize) -> Self {
        JsonWriter {
            out: String::with_capacity(capacity),
            indent,
            frames: Vec::with_capacity(16),
        }
    }

    fn newline(&mut self) {
        if !self.indent.is_empty() {
            self.out.push('\n');
            for _ in 0..self.frames.len() {
                self.out.push_str(self.indent);
            }
        }
    }

    /// Called before every value: in an array, writes the separator and newline.
    fn before_value(&mut self) {
        if let Some(Frame::Array { empty }) = self.frames.last_mut() {
            let was_empty = *empty;
            *empty = false;
            if !was_empty {
                self.out.push(',');
            }
            self.newline();
        }
    }

    pub fn begin_object(&mut self) {
        self.before_value();
        self.out.push('{');
        self.frames.push(Frame::Object { empty: true });
    }

    pub fn begin_array(&mut self) {
        self.before_value();
        self.out.push('[');
        self.frames.push(Frame::Array { empty: true });
    }

    pub fn end(&mut self) {
        let frame = self.frames.pop();
        let (empty, close) = match frame {
            Some(Frame::Object { empty }) => (empty, '}'),
            Some(Frame::Array { empty }) => (empty, ']'),
            None => return,
        };
        if !empty {
            self.newline();
        }
        self.out.push(close);
    }

    pub fn key(&mut self, k: &str) {
        if let Some(Frame::Object { empty }) = self.frames.last_mut() {
            let was_empty = *empty;
            *empty = false;
            if !was_empty {
                self.out.push(',');
            }
        }
        self.newline();
        escape_into(&mut self.out, k);
        self.out.push(':');
        if !self.indent.is_empty() {
            self.out.push(' ');
        }
    }

    pub fn string(&mut self, s: &str) {
        self.before_value();
        escape_into(&mut self.out, s);
    }

    pub fn raw(&mut self, s: &str) {
        self.before_value();
        self.out.push_str(s);
    }

    pub fn bool(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    pub fn number(&mut self, n: &serde_json::Number) {
        self.before_value();
        use std::fmt::Write;
        let _ = write!(self.out, "{n}");
    }

    /// Writes a whole JSON document (nulls included, as `JSON.stringify` does).
    pub fn json(&mut self, v: &Json) {
        match v {
            Json::Null => self.raw("null"),
            Json::Bool(b) => self.bool(*b),
            Json::Number(n) => self.number(n),
            Json::String(s) => self.string(s),
            Json::Array(a) => {
                self.begin_array();
                for x in a {
                    self.json(x);
                }
                self.end();
            }
            Json::Object(m) => {
                self.begin_object();
                for (k, x) in m {
                    self.key(k);
                    self.json(x);
                }
                self.end();
            }
        }
    }
}

/// For each byte: whether `JSON.stringify` escapes it (`"`, `\\`, control characters).
const NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Appends `s` as a JSON string literal, escaped as `JSON.stringify` escapes it.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !NEEDS_ESCAPE[b as usize] {
            continue;
        }
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
                use std::fmt::Write;
                let _ = write!(out, "\\u{b:04x}");
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats_like_json_stringify() {
        let v = json!({"a": [], "b": {}, "c": [1, "é\n\u{1}"], "d": {"e": null, "f": true}});
        let mut w = JsonWriter::new(" ", 0);
        w.json(&v);
        assert_eq!(
            w.out,
            "{\n \"a\": [],\n \"b\": {},\n \"c\": [\n  1,\n  \"é\\n\\u0001\"\n ],\n \"d\": {\n  \"e\": null,\n  \"f\": true\n }\n}"
        );
        let mut w = JsonWriter::new("", 0);
        w.json(&v);
        assert_eq!(w.out, serde_json::to_string(&v).unwrap());
    }
}
