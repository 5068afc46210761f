//! The shape of the constraint tables.

/// The JSON type a schema asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything (the schema states no type, or one the engine does not check).
    Any,
    /// A string; CloudFormation also turns numbers and booleans into strings.
    String,
    /// A whole number (or a string of one).
    Integer,
    /// A number (or a string of one).
    Number,
    /// `true` or `false` (or the strings `"true"` and `"false"`).
    Boolean,
    /// An object with named properties.
    Object,
    /// A list.
    Array,
}

/// A `pattern` of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    /// The pattern as the schema writes it (ECMA-262), shown in messages.
    pub source: &'static str,
    /// The same pattern in the syntax of the `regex` crate.
    pub regex: &'static str,
    /// What the pattern allows, in words: the fix offered in messages.
    pub hint: &'static str,
}

/// A named property of an object schema.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    /// The CloudFormation name.
    pub name: &'static str,
    /// Its constraints.
    pub schema: &'static Schema,
}

/// The constraints of one value: the subset of JSON Schema that the CloudFormation
/// resource schemas use.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// The type.
    pub kind: Kind,
    /// `pattern`: a regular expression that a string must match (anywhere, unless
    /// anchored).
    pub pattern: Option<Pattern>,
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `enum`: the values allowed; empty for any.
    pub enum_values: &'static [&'static str],
    /// `const`: the one value allowed.
    pub const_value: Option<&'static str>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `items`: the constraints of each item of a list.
    pub items: Option<&'static Schema>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `properties` of an object, in ASCII order of their names.
    pub properties: &'static [Property],
    /// Properties that are read-only (`GetAtt` attributes): not settable.
    pub read_only: &'static [&'static str],
    /// `required` properties.
    pub required: &'static [&'static str],
    /// `additionalProperties`: whether properties not listed are allowed.
    pub additional_properties: bool,
}

impl Schema {
    /// No constraint at all; generated tables override the fields they need.
    pub const ANY: Schema = Schema {
        kind: Kind::Any,
        pattern: None,
        min_length: None,
        max_length: None,
        enum_values: &[],
        const_value: None,
        minimum: None,
        maximum: None,
        items: None,
        min_items: None,
        max_items: None,
        unique_items: false,
        properties: &[],
        read_only: &[],
        required: &[],
        additional_properties: true,
    };

    /// The constraints of a property of this object schema.
    pub fn property(&self, name: &str) -> Option<&'static Schema> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.schema)
    }
}

/// The constraints of a resource type.
#[derive(Debug, Clone, Copy)]
pub struct ResourceSchema {
    /// The CloudFormation type, e.g. `AWS::IVS::Channel`.
    pub type_name: &'static str,
    /// The `Fn::GetAtt` attributes (the schema's read-only properties; nested ones
    /// joined with `.`).
    pub attributes: &'static [&'static str],
    /// The property that holds the tags, if the type is taggable.
    pub tag_property: Option<&'static str>,
    /// The constraints of the `Properties` object.
    pub properties: &'static Schema,
}
