//! Emits the Rust code of one resource type, and the `cfn` module that lists them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::names::{doc_lines, doc_text, field, lit, singular, snake, upper_snake, variant};
use crate::patterns;

/// One resource type and the names of its Rust items.
pub struct TypeSpec {
    /// The schema file name.
    pub file: String,
    /// The schema.
    pub schema: Json,
    /// `AWS::IVS::Channel`.
    pub type_name: String,
    /// `Channel`.
    pub short: String,
    /// `ivs_channel`.
    pub module: String,
    /// `CfnChannel`.
    pub cfn: String,
    /// `aws-cdk-lib.aws_ivs.CfnChannel`.
    pub fqn: String,
}

impl TypeSpec {
    pub fn new(file: &str, schema: Json) -> TypeSpec {
        let type_name = schema["typeName"]
            .as_str()
            .unwrap_or_else(|| panic!("{file} has no typeName"))
            .to_owned();
        let parts: Vec<&str> = type_name.split("::").collect();
        assert_eq!(parts.len(), 3, "unexpected type name {type_name}");
        let service = parts[1].to_ascii_lowercase();
        let short = parts[2].to_owned();
        TypeSpec {
            file: file.to_owned(),
            module: format!("{service}_{}", snake(&short)),
            cfn: format!("Cfn{short}"),
            fqn: format!("aws-cdk-lib.aws_{service}.Cfn{short}"),
            type_name,
            short,
            schema,
        }
    }
}

/// A struct to generate for an object schema.
struct StructDef {
    /// Rust name without the `Property` suffix (`None` for the props struct).
    name: Option<String>,
    schema: Json,
}

enum FieldType {
    Value,
    Tags,
    Struct(String),
    VecStruct(String),
}

/// An enumerated property: (enum name candidate, owner, (struct key, property),
/// values, description).
type FoundEnum = (String, String, (String, String), Vec<String>, String);

struct EnumDef {
    name: String,
    values: Vec<String>,
    doc: String,
}

struct Gen<'a> {
    spec: &'a TypeSpec,
    defs: &'a serde_json::Map<String, Json>,
    structs: Vec<StructDef>,
    /// struct key (`""` for the props) → its name, by schema pointer for inline ones.
    struct_of_def: HashMap<String, String>,
    /// (struct key, property) → struct name of an inline object property.
    struct_of_inline: HashMap<(String, String), String>,
    /// (struct key, property) that are read-only.
    read_only: HashSet<(String, String)>,
    /// (struct key, property) → enum name.
    enum_of: HashMap<(String, String), String>,
    enums: Vec<EnumDef>,
    used_defs: std::cell::RefCell<BTreeSet<String>>,
    /// The patterns of the tables, emitted as constants `PATTERN_<index>`.
    patterns: std::cell::RefCell<Vec<String>>,
}

const RESERVED: &[&str] = &[
    "Value", "CfnTag", "CfnProps", "IndexMap", "Findings", "Option", "Vec", "String", "Some",
    "None", "Default", "Self", "SCHEMA",
];

impl<'a> Gen<'a> {
    fn new(spec: &'a TypeSpec) -> Gen<'a> {
        let defs = spec.schema["definitions"]
            .as_object()
            .unwrap_or_else(|| panic!("{} has no definitions", spec.file));
        let mut g = Gen {
            spec,
            defs,
            structs: Vec::new(),
            struct_of_def: HashMap::new(),
            struct_of_inline: HashMap::new(),
            read_only: HashSet::new(),
            enum_of: HashMap::new(),
            enums: Vec::new(),
            used_defs: Default::default(),
            patterns: Default::default(),
        };
        g.collect_structs();
        g.collect_read_only();
        g.collect_enums();
        g
    }

    fn def(&self, reference: &str) -> (&'a str, &'a Json) {
        let name = reference
            .strip_prefix("#/definitions/")
            .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
        let (k, v) = self
            .defs
            .get_key_value(name)
            .unwrap_or_else(|| panic!("missing definition {name}"));
        (k.as_str(), v)
    }

    /// Follows a `$ref`, if any.
    fn resolve(&self, j: &'a Json) -> &'a Json {
        match j.get("$ref").and_then(Json::as_str) {
            Some(r) => self.def(r).1,
            None => j,
        }
    }

    fn is_struct_schema(j: &Json) -> bool {
        j.get("properties")
            .and_then(Json::as_object)
            .is_some_and(|p| !p.is_empty())
    }

    fn root(&self) -> &'a Json {
        &self.spec.schema
    }

    fn tag_property(&self) -> Option<&'a str> {
        self.root()["tagging"]["tagProperty"]
            .as_str()
            .and_then(|p| p.strip_prefix("/properties/"))
    }

    fn props_of(j: &Json) -> Vec<(&String, &Json)> {
        let mut v: Vec<(&String, &Json)> = j
            .get("properties")
            .and_then(Json::as_object)
            .map(|m| m.iter().collect())
            .unwrap_or_default();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    fn collect_structs(&mut self) {
        self.structs.push(StructDef {
            name: None,
            schema: self.root().clone(),
        });
        let mut i = 0;
        let mut taken: HashSet<String> = HashSet::new();
        while i < self.structs.len() {
            let key = self.structs[i].name.clone().unwrap_or_default();
            let schema = self.structs[i].schema.clone();
            for (pname, p) in Self::props_of(&schema) {
                if key.is_empty() && Some(pname.as_str()) == self.tag_property() {
                    continue;
                }
                let target = if p.get("type").and_then(Json::as_str) == Some("array") {
                    &p["items"]
                } else {
                    p
                };
                if let Some(r) = target.get("$ref").and_then(Json::as_str) {
                    let (dname, d) = self.def(r);
                    if Self::is_struct_schema(d) && !self.struct_of_def.contains_key(dname) {
                        self.struct_of_def
                            .insert(dname.to_owned(), dname.to_owned());
                        taken.insert(dname.to_owned());
                        self.structs.push(StructDef {
                            name: Some(dname.to_owned()),
                            schema: d.clone(),
                        });
                    }
                } else if Self::is_struct_schema(target) {
                    let mut name = pname.clone();
                    if self.defs.contains_key(&name) || taken.contains(&name) {
                        name = format!("{key}{pname}");
                    }
                    taken.insert(name.clone());
                    self.struct_of_inline
                        .insert((key.clone(), pname.clone()), name.clone());
                    self.structs.push(StructDef {
                        name: Some(name),
                        schema: target.clone(),
                    });
                }
            }
            i += 1;
        }
    }

    /// The struct an object property leads to, if it is a struct.
    fn struct_for(&self, key: &str, pname: &str, p: &Json) -> Option<String> {
        let target = if p.get("type").and_then(Json::as_str) == Some("array") {
            &p["items"]
        } else {
            p
        };
        if let Some(r) = target.get("$ref").and_then(Json::as_str) {
            let (dname, _) = self.def(r);
            return self.struct_of_def.get(dname).cloned();
        }
        self.struct_of_inline
            .get(&(key.to_owned(), pname.to_owned()))
            .cloned()
    }

    fn collect_read_only(&mut self) {
        let paths: Vec<String> = self.root()["readOnlyProperties"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        for path in paths {
            let segs: Vec<&str> = path.trim_start_matches("/properties/").split('/').collect();
            let mut key = String::new();
            let mut schema = self.root();
            for (i, seg) in segs.iter().enumerate() {
                if i + 1 == segs.len() {
                    self.read_only.insert((key.clone(), (*seg).to_owned()));
                    break;
                }
                let Some(p) = schema.get("properties").and_then(|m| m.get(*seg)) else {
                    break;
                };
                let Some(next) = self.struct_for(&key, seg, p) else {
                    break;
                };
                schema = self.resolve(p);
                key = next;
            }
        }
    }

    fn is_read_only(&self, key: &str, pname: &str) -> bool {
        self.read_only.contains(&(key.to_owned(), pname.to_owned()))
    }

    fn collect_enums(&mut self) {
        // (candidate name, owner, property key, values, description)
        let mut found: Vec<FoundEnum> = Vec::new();
        for s in &self.structs {
            let key = s.name.clone().unwrap_or_default();
            let owner = s.name.clone().unwrap_or_else(|| self.spec.short.clone());
            for (pname, p) in Self::props_of(&s.schema) {
                if self.is_read_only(&key, pname) {
                    continue;
                }
                let desc = p
                    .get("description")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .to_owned();
                let (target, candidate) = if p.get("type").and_then(Json::as_str) == Some("array") {
                    (self.resolve(&p["items"]), singular(pname))
                } else if let Some(r) = p.get("$ref").and_then(Json::as_str) {
                    (self.def(r).1, self.def(r).0.to_owned())
                } else {
                    (p, pname.clone())
                };
                let Some(values) = target.get("enum").and_then(Json::as_array) else {
                    continue;
                };
                let values: Vec<String> = values
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .unwrap_or_else(|| panic!("non-string enum in {}", self.spec.file))
                            .to_owned()
                    })
                    .collect();
                found.push((
                    candidate,
                    owner.clone(),
                    (key.clone(), pname.clone()),
                    values,
                    desc,
                ));
            }
        }
        let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            by_name.entry(f.0.clone()).or_default().push(i);
        }
        let mut assigned: HashMap<String, Vec<String>> = HashMap::new();
        for (i, (cand, owner, at, values, desc)) in found.iter().enumerate() {
            let shared = by_name[cand].iter().all(|&j| found[j].3 == *values);
            let mut name = if shared
                && !RESERVED.contains(&cand.as_str())
                && cand != "Type"
                && !cand.ends_with("Property")
            {
                cand.clone()
            } else if cand.starts_with(owner.as_str()) {
                format!("{owner}{}", &cand[owner.len()..])
            } else {
                format!("{owner}{cand}")
            };
            if let Some(existing) = assigned.get(&name) {
                if existing != values {
                    name = format!("{name}{i}");
                }
            }
            self.enum_of.insert(at.clone(), name.clone());
            if !assigned.contains_key(&name) {
                assigned.insert(name.clone(), values.clone());
                self.enums.push(EnumDef {
                    name,
                    values: values.clone(),
                    doc: desc.clone(),
                });
            }
        }
    }

    fn field_type(&self, key: &str, pname: &str, p: &Json) -> FieldType {
        if key.is_empty() && Some(pname) == self.tag_property() {
            return FieldType::Tags;
        }
        match self.struct_for(key, pname, p) {
            Some(s) if p.get("type").and_then(Json::as_str) == Some("array") => {
                FieldType::VecStruct(s)
            }
            Some(s) => FieldType::Struct(s),
            None => FieldType::Value,
        }
    }

    /// The documentation of a property: its description, then what the schema asks.
    fn field_doc(&self, key: &str, pname: &str, p: &Json, required: bool) -> Vec<String> {
        let resolved = self.resolve(p);
        let desc = p
            .get("description")
            .or_else(|| resolved.get("description"))
            .and_then(Json::as_str)
            .unwrap_or("");
        let mut paras = Vec::new();
        let first = if desc.is_empty() {
            format!("`{pname}`.")
        } else {
            format!("`{pname}`: {}", doc_text(desc))
        };
        paras.push(first);
        let mut facts = Vec::new();
        if required {
            facts.push("Required.".to_owned());
        }
        if let Some(e) = self.enum_of.get(&(key.to_owned(), pname.to_owned())) {
            facts.push(format!("Values: [`{e}`]."));
        }
        let c = if resolved.get("type").and_then(Json::as_str) == Some("array") {
            self.resolve(&resolved["items"])
        } else {
            resolved
        };
        let (min, max) = (c.get("minLength"), c.get("maxLength"));
        match (min, max) {
            (Some(a), Some(b)) => facts.push(format!("Length: {a} to {b} characters.")),
            (Some(a), None) => facts.push(format!("Length: at least {a} characters.")),
            (None, Some(b)) => facts.push(format!("Length: at most {b} characters.")),
            _ => {}
        }
        if let Some(pat) = c.get("pattern").and_then(Json::as_str) {
            facts.push(format!("Pattern: `{pat}`."));
        }
        match (c.get("minimum"), c.get("maximum")) {
            (Some(a), Some(b)) => facts.push(format!("Range: {a} to {b}.")),
            (Some(a), None) => facts.push(format!("Minimum: {a}.")),
            (None, Some(b)) => facts.push(format!("Maximum: {b}.")),
            _ => {}
        }
        match (resolved.get("minItems"), resolved.get("maxItems")) {
            (Some(a), Some(b)) => facts.push(format!("Items: {a} to {b}.")),
            (Some(a), None) => facts.push(format!("Items: at least {a}.")),
            (None, Some(b)) => facts.push(format!("Items: at most {b}.")),
            _ => {}
        }
        if let Some(d) = p.get("default").or_else(|| resolved.get("default")) {
            facts.push(format!("Default: `{d}`."));
        }
        if !facts.is_empty() {
            paras.push(facts.join(" "));
        }
        paras
    }

    fn required_of(j: &Json) -> Vec<String> {
        j.get("required")
            .and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    // ----- constraint tables -----

    /// An expression of type `&'static v::Schema`.
    fn schema_ref(&self, j: &Json, key: Option<&str>) -> String {
        if let Some(r) = j.get("$ref").and_then(Json::as_str) {
            let (name, _) = self.def(r);
            self.used_defs.borrow_mut().insert(name.to_owned());
            return format!("&DEF_{}", upper_snake(name));
        }
        format!("&{}", self.schema_lit(j, key))
    }

    /// A `v::Schema { .. }` literal. `key` names the struct of an object schema, for
    /// its read-only properties.
    fn schema_lit(&self, j: &Json, key: Option<&str>) -> String {
        let mut f: Vec<String> = Vec::new();
        let kind = match j.get("type").and_then(Json::as_str) {
            Some("string") => "String",
            Some("integer") => "Integer",
            Some("number") => "Number",
            Some("boolean") => "Boolean",
            Some("object") => "Object",
            Some("array") => "Array",
            _ if j.get("properties").is_some() => "Object",
            _ => "Any",
        };
        f.push(format!("kind: v::Kind::{kind}"));
        if let Some(p) = j.get("pattern").and_then(Json::as_str) {
            let mut pats = self.patterns.borrow_mut();
            let index = match pats.iter().position(|q| q == p) {
                Some(i) => i,
                None => {
                    pats.push(p.to_owned());
                    pats.len() - 1
                }
            };
            f.push(format!("pattern: Some(PATTERN_{index})"));
        }
        for (k, name) in [
            ("minLength", "min_length"),
            ("maxLength", "max_length"),
            ("minItems", "min_items"),
            ("maxItems", "max_items"),
        ] {
            if let Some(n) = j.get(k).and_then(Json::as_u64) {
                f.push(format!("{name}: Some({n})"));
            }
        }
        for (k, name) in [("minimum", "minimum"), ("maximum", "maximum")] {
            if let Some(n) = j.get(k).and_then(Json::as_f64) {
                f.push(format!("{name}: Some({n:?})"));
            }
        }
        if let Some(values) = j.get("enum").and_then(Json::as_array) {
            let vs: Vec<String> = values.iter().filter_map(Json::as_str).map(lit).collect();
            f.push(format!("enum_values: &[{}]", vs.join(", ")));
        }
        if let Some(c) = j.get("const").and_then(Json::as_str) {
            f.push(format!("const_value: Some({})", lit(c)));
        }
        if j.get("uniqueItems").and_then(Json::as_bool) == Some(true) {
            f.push("unique_items: true".to_owned());
        }
        if let Some(items) = j.get("items") {
            f.push(format!("items: Some({})", self.schema_ref(items, None)));
        }
        if kind == "Object" {
            let mut props = Vec::new();
            let mut ro = Vec::new();
            for (pname, p) in Self::props_of(j) {
                // Read-only properties are known by struct; a schema without a struct
                // (e.g. `Tag`, rendered from `CfnTag`) has none.
                if key.is_some_and(|k| self.is_read_only(k, pname)) {
                    ro.push(lit(pname));
                    continue;
                }
                let child_key = key.and_then(|k| self.struct_for(k, pname, p));
                props.push(format!(
                    "v::Property {{ name: {}, schema: {} }}",
                    lit(pname),
                    self.schema_ref(p, child_key.as_deref())
                ));
            }
            if !props.is_empty() {
                f.push(format!("properties: &[{}]", props.join(",\n")));
            }
            if !ro.is_empty() {
                f.push(format!("read_only: &[{}]", ro.join(", ")));
            }
            let req: Vec<String> = Self::required_of(j).iter().map(|r| lit(r)).collect();
            if !req.is_empty() {
                f.push(format!("required: &[{}]", req.join(", ")));
            }
            if j.get("additionalProperties").and_then(Json::as_bool) == Some(false) {
                f.push("additional_properties: false".to_owned());
            }
        }
        format!("v::Schema {{ {}, ..v::Schema::ANY }}", f.join(",\n"))
    }
}

/// The Rust file of one resource type.
pub fn emit_type(spec: &TypeSpec) -> String {
    let g = Gen::new(spec);
    let mut o = String::new();
    let _ = writeln!(o, "//! `{}`.", spec.type_name);
    let _ = writeln!(o, "//!");
    let _ = writeln!(
        o,
        "//! Generated by `{}` from the CloudFormation\n//! resource schema `{}`. Do not edit by hand.",
        crate::COMMAND,
        spec.file
    );
    if let Some(desc) = type_description(spec) {
        let mut text = String::new();
        doc_lines(&mut text, "", &desc);
        let _ = writeln!(o, "//!");
        o.push_str(&text.replace("///", "//!"));
    }
    let unchecked: Vec<&str> = ["oneOf", "anyOf", "dependentExcluded"]
        .into_iter()
        .filter(|k| spec.schema.to_string().contains(&format!("\"{k}\"")))
        .collect();
    if !unchecked.is_empty() {
        let _ = writeln!(
            o,
            "//!\n//! Not checked by the validator: the schema's {} keywords.",
            unchecked
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(
        o,
        "\n#![allow(clippy::enum_variant_names, clippy::doc_markdown)]\n"
    );
    let _ = writeln!(o, "use indexmap::IndexMap;\n");
    let _ = writeln!(o, "use super::macros::{{l1_construct, opt}};");
    let _ = writeln!(o, "use crate::validation as v;");
    let _ = writeln!(o, "use crate::{{CfnProps, Findings, Value}};\n");

    for e in &g.enums {
        emit_enum(&mut o, e);
    }
    for s in g.structs.iter().skip(1) {
        emit_struct(&mut o, &g, s);
    }
    emit_props(&mut o, &g);
    emit_construct(&mut o, &g);
    emit_tables(&mut o, &g);
    o
}

/// The type's description, unless it only repeats the type name.
fn type_description(spec: &TypeSpec) -> Option<String> {
    let desc = spec.schema["description"].as_str().unwrap_or("").trim();
    if desc.is_empty() || desc.starts_with("Resource Type definition for") {
        None
    } else {
        Some(doc_text(desc))
    }
}

fn emit_enum(o: &mut String, e: &EnumDef) {
    if e.doc.is_empty() {
        let _ = writeln!(o, "/// The values allowed.");
    } else {
        doc_lines(o, "", &doc_text(&e.doc));
    }
    let _ = writeln!(o, "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]");
    let _ = writeln!(o, "pub enum {} {{", e.name);
    let mut seen = HashSet::new();
    let mut variants = Vec::new();
    for v in &e.values {
        let mut name = variant(v);
        while !seen.insert(name.clone()) {
            name.push('_');
        }
        variants.push((name, v));
    }
    for (name, v) in &variants {
        let _ = writeln!(o, "    /// `{}`", if v.is_empty() { "\"\"" } else { v });
        let _ = writeln!(o, "    {name},");
    }
    let _ = writeln!(o, "}}\n");
    let _ = writeln!(o, "impl {} {{", e.name);
    let _ = writeln!(o, "    /// Every value, in schema order.");
    let names: Vec<String> = variants.iter().map(|(n, _)| format!("Self::{n}")).collect();
    let _ = writeln!(
        o,
        "    pub const ALL: &'static [Self] = &[{}];",
        names.join(", ")
    );
    let _ = writeln!(o, "    /// The CloudFormation value.");
    let _ = writeln!(
        o,
        "    pub fn as_str(self) -> &'static str {{\n        match self {{"
    );
    for (name, v) in &variants {
        let _ = writeln!(o, "            Self::{name} => {},", lit(v));
    }
    let _ = writeln!(o, "        }}\n    }}\n}}\n");
    let _ = writeln!(
        o,
        "impl From<{0}> for Value {{\n    fn from(v: {0}) -> Value {{\n        Value::from(v.as_str())\n    }}\n}}\n",
        e.name
    );
}

fn emit_fields(o: &mut String, g: &Gen, key: &str, schema: &Json) {
    let required = Gen::required_of(schema);
    for (pname, p) in Gen::props_of(schema) {
        if g.is_read_only(key, pname) {
            continue;
        }
        for (i, para) in g
            .field_doc(key, pname, p, required.contains(pname))
            .iter()
            .enumerate()
        {
            if i > 0 {
                let _ = writeln!(o, "    ///");
            }
            doc_lines(o, "    ", para);
        }
        let ty = match g.field_type(key, pname, p) {
            FieldType::Value => "Value".to_owned(),
            FieldType::Tags => "Vec<crate::CfnTag>".to_owned(),
            FieldType::Struct(s) => format!("{s}Property"),
            FieldType::VecStruct(s) => format!("Vec<{s}Property>"),
        };
        let _ = writeln!(o, "    pub {}: Option<{ty}>,", field(pname));
    }
}

fn emit_struct(o: &mut String, g: &Gen, s: &StructDef) {
    let name = s.name.clone().unwrap_or_default();
    let desc = s
        .schema
        .get("description")
        .and_then(Json::as_str)
        .unwrap_or("");
    if desc.is_empty() {
        let _ = writeln!(o, "/// `{name}` of `{}`.", g.spec.type_name);
    } else {
        doc_lines(
            o,
            "",
            &format!("`{name}` of `{}`: {}", g.spec.type_name, doc_text(desc)),
        );
    }
    let _ = writeln!(o, "#[derive(Debug, Clone, Default, PartialEq)]");
    let _ = writeln!(o, "pub struct {name}Property {{");
    emit_fields(o, g, &name, &s.schema);
    let _ = writeln!(o, "}}\n");
    let _ = writeln!(o, "impl From<{name}Property> for Value {{");
    let _ = writeln!(o, "    fn from(p: {name}Property) -> Value {{");
    let _ = writeln!(o, "        let mut m = IndexMap::new();");
    for (pname, _) in Gen::props_of(&s.schema) {
        if g.is_read_only(&name, pname) {
            continue;
        }
        let _ = writeln!(
            o,
            "        m.insert({}.to_owned(), opt(&p.{}));",
            lit(pname),
            field(pname)
        );
    }
    let _ = writeln!(o, "        Value::Map(m)\n    }}\n}}\n");
}

fn emit_props(o: &mut String, g: &Gen) {
    let spec = g.spec;
    let _ = writeln!(o, "/// Properties of `{}`.", spec.type_name);
    let _ = writeln!(o, "///\n/// Unset properties are left out of the template.");
    let _ = writeln!(o, "#[derive(Debug, Clone, Default, PartialEq)]");
    let _ = writeln!(o, "pub struct {}Props {{", spec.cfn);
    emit_fields(o, g, "", &spec.schema);
    let _ = writeln!(o, "}}\n");
    let tags = g.tag_property();
    let _ = writeln!(o, "impl CfnProps for {}Props {{", spec.cfn);
    let _ = writeln!(
        o,
        "    fn cfn_type(&self) -> &'static str {{\n        {}\n    }}",
        lit(&spec.type_name)
    );
    if let Some(t) = tags {
        let _ = writeln!(o, "    fn taggable(&self) -> bool {{\n        true\n    }}");
        let _ = writeln!(
            o,
            "    fn initial_tags(&self) -> Vec<crate::CfnTag> {{\n        self.{}.clone().unwrap_or_default()\n    }}",
            field(t)
        );
    }
    let _ = writeln!(o, "    fn render(&self) -> IndexMap<String, Value> {{");
    let _ = writeln!(o, "        let mut m = IndexMap::new();");
    for (pname, _) in Gen::props_of(&spec.schema) {
        if g.is_read_only("", pname) {
            continue;
        }
        if Some(pname.as_str()) == tags {
            let _ = writeln!(o, "        // Rendered from the tag manager.");
            let _ = writeln!(
                o,
                "        m.insert({}.to_owned(), Value::Null);",
                lit(pname)
            );
        } else {
            let _ = writeln!(
                o,
                "        m.insert({}.to_owned(), opt(&self.{}));",
                lit(pname),
                field(pname)
            );
        }
    }
    let _ = writeln!(o, "        m\n    }}");
    // The same properties, borrowed where they are plain values: no map, no copies.
    let _ = writeln!(
        o,
        "    fn for_each_property(&self, f: &mut dyn FnMut(&str, &Value)) {{"
    );
    for (pname, p) in Gen::props_of(&spec.schema) {
        if g.is_read_only("", pname) {
            continue;
        }
        let value = if Some(pname.as_str()) == tags {
            "&Value::Null".to_owned()
        } else {
            match g.field_type("", pname, p) {
                FieldType::Value => {
                    format!("self.{}.as_ref().unwrap_or(&Value::Null)", field(pname))
                }
                _ => format!("&opt(&self.{})", field(pname)),
            }
        };
        let _ = writeln!(o, "        f({}, {value});", lit(pname));
    }
    let _ = writeln!(o, "    }}");
    let tag_arg = match tags {
        Some(t) => format!("self.{}.as_deref()", field(t)),
        None => "None".to_owned(),
    };
    let _ = writeln!(
        o,
        "    fn validate(&self, findings: &mut Findings) {{\n        v::validate_typed(&SCHEMA, self, {tag_arg}, findings);\n    }}"
    );
    let _ = writeln!(
        o,
        "    fn validate_final(&self, properties: &Value, findings: &mut Findings) {{\n        v::validate_final(&SCHEMA, properties, findings);\n    }}"
    );
    let _ = writeln!(
        o,
        "    fn as_any(&self) -> &dyn std::any::Any {{\n        self\n    }}"
    );
    let _ = writeln!(
        o,
        "    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {{\n        self\n    }}"
    );
    let _ = writeln!(o, "}}\n");
}

/// The `GetAtt` attributes: the read-only properties, nested ones joined with `.`.
fn attributes(spec: &TypeSpec) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in spec.schema["readOnlyProperties"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(p) = p.as_str() else { continue };
        let segs: Vec<&str> = p.trim_start_matches("/properties/").split('/').collect();
        // The description of the attribute, found along its path.
        let mut j = &spec.schema;
        let mut desc = "";
        for seg in &segs {
            let Some(next) = j.get("properties").and_then(|m| m.get(*seg)) else {
                break;
            };
            let resolved = match next.get("$ref").and_then(Json::as_str) {
                Some(r) => {
                    let name = r.trim_start_matches("#/definitions/");
                    &spec.schema["definitions"][name]
                }
                None => next,
            };
            desc = next
                .get("description")
                .or_else(|| resolved.get("description"))
                .and_then(Json::as_str)
                .unwrap_or("");
            j = resolved;
        }
        out.push((segs.join("."), desc.to_owned()));
    }
    out
}

fn emit_construct(o: &mut String, g: &Gen) {
    let spec = g.spec;
    let _ = writeln!(o, "l1_construct! {{");
    let text = match type_description(spec) {
        Some(desc) => format!("An `{}` resource: {desc}", spec.type_name),
        None => format!("An `{}` resource.", spec.type_name),
    };
    doc_lines(o, "    ", &text);
    let _ = writeln!(
        o,
        "    {0}, {0}Props, {1}, {2},",
        spec.cfn,
        lit(&spec.type_name),
        lit(&spec.fqn)
    );
    let _ = writeln!(o, "    attrs {{");
    for (attr, desc) in attributes(spec) {
        let text = if desc.is_empty() {
            format!("`Fn::GetAtt` `{attr}`.")
        } else {
            format!("`Fn::GetAtt` `{attr}`: {}", doc_text(&desc))
        };
        doc_lines(o, "        ", &text);
        let name = attr.split('.').map(snake).collect::<Vec<_>>().join("_");
        let _ = writeln!(o, "        attr_{name} => {},", lit(&attr));
    }
    let _ = writeln!(o, "    }}\n}}\n");
}

fn emit_tables(o: &mut String, g: &Gen) {
    let spec = g.spec;
    let root = g.schema_lit(&spec.schema, Some(""));
    let attrs: Vec<String> = attributes(spec).iter().map(|(a, _)| lit(a)).collect();
    let _ = writeln!(
        o,
        "/// The constraints of the `{}` schema, checked by [`crate::validation`].",
        spec.type_name
    );
    let _ = writeln!(
        o,
        "pub static SCHEMA: v::ResourceSchema = v::ResourceSchema {{"
    );
    let _ = writeln!(o, "    type_name: {},", lit(&spec.type_name));
    let _ = writeln!(o, "    attributes: &[{}],", attrs.join(", "));
    match g.tag_property() {
        Some(t) => {
            let _ = writeln!(o, "    tag_property: Some({}),", lit(t));
        }
        None => {
            let _ = writeln!(o, "    tag_property: None,");
        }
    }
    let _ = writeln!(o, "    properties: &ROOT,\n}};\n");
    let _ = writeln!(o, "static ROOT: v::Schema = {root};\n");
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    loop {
        for d in g.used_defs.borrow().iter() {
            if !done.contains(d) && !pending.contains(d) {
                pending.push(d.clone());
            }
        }
        let Some(d) = pending.pop() else { break };
        done.insert(d.clone());
        let j = &g.defs[&d];
        let key = g.struct_of_def.get(&d).cloned();
        let body = g.schema_lit(j, key.as_deref());
        let _ = writeln!(o, "static DEF_{}: v::Schema = {body};\n", upper_snake(&d));
    }
    for (i, p) in g.patterns.borrow().iter().enumerate() {
        let _ = writeln!(
            o,
            "const PATTERN_{i}: v::Pattern = v::Pattern {{\n    source: {},\n    regex: {},\n    hint: {},\n}};\n",
            lit(p),
            lit(&patterns::translate(p)),
            lit(&patterns::hint(p))
        );
    }
}

/// `src/cfn/mod.rs`: the modules, the re-exports and the schema registry.
pub fn emit_mod(types: &[TypeSpec]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "//! The L1 layer: one typed struct per CloudFormation resource type, rendered exactly\n\
         //! as `aws-cdk-lib` renders it (properties in ASCII order of their CloudFormation\n\
         //! names, unset ones left out), with the constraints of its schema.\n\
         //!\n\
         //! Generated by `{}` from the schemas in\n\
         //! `shared/reference/cfn-schemas/`. Do not edit by hand.\n",
        crate::COMMAND
    );
    for t in types {
        let _ = writeln!(o, "pub mod {};", t.module);
    }
    let _ = writeln!(o, "mod macros;\n");
    for t in types {
        let extra = match t.module.as_str() {
            "ivs_channel" => ", MultitrackInputConfigurationProperty",
            "ivs_recording_configuration" => {
                ", DestinationConfigurationProperty, RenditionConfigurationProperty, S3DestinationConfigurationProperty, ThumbnailConfigurationProperty"
            }
            _ => "",
        };
        let _ = writeln!(
            o,
            "pub use {}::{{{}, {}Props{extra}}};",
            t.module, t.cfn, t.cfn
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "/// The constraints of every resource type of the L1 layer."
    );
    let entries: Vec<String> = types
        .iter()
        .map(|t| format!("&{}::SCHEMA", t.module))
        .collect();
    let _ = writeln!(
        o,
        "pub static SCHEMAS: &[&crate::validation::ResourceSchema] = &[{}];\n",
        entries.join(", ")
    );
    let _ = writeln!(
        o,
        "/// The constraints of a resource type by its CloudFormation name\n\
         /// (`AWS::IVS::Channel`); `None` for a type outside the L1 layer.\n\
         pub fn schema(type_name: &str) -> Option<&'static crate::validation::ResourceSchema> {{\n\
         SCHEMAS.iter().copied().find(|s| s.type_name == type_name)\n}}"
    );
    o
}
