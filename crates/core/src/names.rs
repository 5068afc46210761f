//! The CDK's naming algorithms: logical IDs, generated physical names, construct
//! addresses. Each function reproduces the `aws-cdk-lib` algorithm exactly, since the
//! names end up in deployed templates and must not change between tools.

use md5::{Digest, Md5};
use sha1::Sha1;

const HIDDEN_ID: &str = "Default";
const HIDDEN_FROM_HUMAN_ID: &str = "Resource";
const HASH_LEN: usize = 8;
const MAX_HUMAN_LEN: usize = 240;
/// The longest logical ID CloudFormation accepts.
pub const MAX_LOGICAL_ID_LEN: usize = 255;

/// Why a name could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Every path component was `Default`.
    EmptyPath,
}

/// Replaces the path separator `/` (and newlines) in a construct id with `--`, as
/// the `constructs` library does.
pub fn sanitize_id(id: &str) -> String {
    if id.contains(['/', '\n']) {
        id.replace(['/', '\n'], "--")
    } else {
        id.to_owned()
    }
}

fn md5_hash_upper(components: &[&str]) -> String {
    let mut hasher = Md5::new();
    for (i, c) in components.iter().enumerate() {
        if i > 0 {
            hasher.update(b"/");
        }
        hasher.update(c.as_bytes());
    }
    let digest = hasher.finalize();
    hex(&digest[..HASH_LEN / 2], b"0123456789ABCDEF")
}

/// Hexadecimal digits of `bytes` with the given alphabet (upper or lower case).
pub(crate) fn hex(bytes: &[u8], digits: &[u8; 16]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 0x0f)]));
    }
    out
}

/// Drops a component when the previously kept one ends with it (`Bar/Bar` → `Bar`).
fn remove_dupes<'a>(components: &[&'a str]) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::with_capacity(components.len());
    for c in components {
        if out.last().is_none_or(|prev| !prev.ends_with(c)) {
            out.push(c);
        }
    }
    out
}

/// The logical ID of a CloudFormation element from its construct ids below the stack
/// (the CDK's `makeUniqueId`).
///
/// ```
/// use ivs_cdk_core::names::make_unique_id;
/// assert_eq!(make_unique_id(&["Channel", "Resource"]).unwrap(), "Channel4048F119");
/// assert_eq!(make_unique_id(&["Out"]).unwrap(), "Out");
/// ```
pub fn make_unique_id(components: &[&str]) -> Result<String, NameError> {
    let components: Vec<&str> = components
        .iter()
        .copied()
        .filter(|c| *c != HIDDEN_ID)
        .collect();
    if components.is_empty() {
        return Err(NameError::EmptyPath);
    }
    if components.len() == 1 {
        let candidate: String = components[0]
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if candidate.len() <= MAX_LOGICAL_ID_LEN {
            return Ok(candidate);
        }
    }
    let hash = md5_hash_upper(&components);
    let mut human = String::new();
    for c in remove_dupes(&components) {
        if c == HIDDEN_FROM_HUMAN_ID {
            continue;
        }
        human.extend(c.chars().filter(char::is_ascii_alphanumeric));
    }
    truncate_ascii(&mut human, MAX_HUMAN_LEN);
    human.push_str(&hash);
    Ok(human)
}

fn truncate_ascii(s: &mut String, max: usize) {
    if s.len() > max {
        s.truncate(max);
    }
}

/// A physical name made unique from the construct path (the CDK's
/// `Names.uniqueResourceName`). `components` starts with the stack *name*, followed
/// by the ids down to the construct.
///
/// ```
/// use ivs_cdk_core::names::unique_resource_name;
/// assert_eq!(
///     unique_resource_name(&["IvsSeedStack", "Channel"], 128, "-_").unwrap(),
///     "IvsSeedStackChannelB3BD82EF"
/// );
/// ```
pub fn unique_resource_name(
    components: &[&str],
    max_length: usize,
    allowed_special: &str,
) -> Result<String, NameError> {
    let keep = |ch: &char| ch.is_ascii_alphanumeric() || allowed_special.contains(*ch);
    let components: Vec<&str> = components
        .iter()
        .copied()
        .filter(|c| *c != HIDDEN_ID)
        .collect();
    if components.is_empty() {
        return Err(NameError::EmptyPath);
    }
    if components.len() == 1 {
        let candidate: String = components[0].chars().filter(keep).collect();
        if candidate.chars().count() <= max_length {
            return Ok(candidate);
        }
    }
    let hash = md5_hash_upper(&components);
    let human: String = remove_dupes(&components)
        .into_iter()
        .filter(|c| *c != HIDDEN_FROM_HUMAN_ID)
        .map(|c| c.chars().filter(keep).collect::<String>())
        .collect();
    let budget = max_length.saturating_sub(HASH_LEN);
    let chars: Vec<char> = human.chars().collect();
    let mut out: String = if chars.len() > budget {
        let half = budget / 2;
        let head: String = chars[..half].iter().collect();
        let tail: String = chars[chars.len() - half..].iter().collect();
        head + &tail
    } else {
        human
    };
    out.push_str(&hash);
    Ok(out)
}

/// The construct address: `c8` and the SHA-1 of the ids from the root down, skipping
/// `Default` ids, each followed by a newline.
pub fn construct_addr(ids: &[&str]) -> String {
    let mut hasher = Sha1::new();
    for id in ids {
        if *id == HIDDEN_ID {
            continue;
        }
        hasher.update(id.as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    format!("c8{}", hex(&digest, b"0123456789abcdef"))
}

/// Whether `s` is a valid CloudFormation logical ID (`^[A-Za-z0-9]{1,255}$`).
pub fn is_valid_logical_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_LOGICAL_ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `s` is a valid CloudFormation stack name (`^[A-Za-z][A-Za-z0-9-]*$`, at
/// most 128 characters).
pub fn is_valid_stack_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    s.len() <= 128
        && bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The cloud-assembly artifact id of a stack from its path components (the stack's
/// ids from the first child of the app down): the id itself for a top-level stack.
pub fn artifact_id(components: &[&str]) -> String {
    let raw = if components.len() == 1 {
        components[0].to_owned()
    } else {
        unique_resource_name(components, 255, "").unwrap_or_default()
    };
    raw.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_match_the_cdk() {
        assert_eq!(
            make_unique_id(&["Channel", "Resource"]).unwrap(),
            "Channel4048F119"
        );
        assert_eq!(
            make_unique_id(&["Channel", "StreamKey", "Resource"]).unwrap(),
            "ChannelStreamKey60BDC2BE"
        );
        assert_eq!(
            make_unique_id(&["Group", "Resource"]).unwrap(),
            "GroupC77FDACD"
        );
        assert_eq!(
            make_unique_id(&["Default", "Resource"]).unwrap(),
            "Resource"
        );
        assert_eq!(
            make_unique_id(&["Group", "My Channel!", "Resource"]).unwrap(),
            "GroupMyChannelCAE0BB93"
        );
        assert_eq!(make_unique_id(&["Default"]), Err(NameError::EmptyPath));
    }

    #[test]
    fn a_long_single_id_is_cut_and_hashed() {
        let id = "a".repeat(300);
        let lid = make_unique_id(&[&id]).unwrap();
        assert_eq!(lid.len(), 248);
        assert!(lid.starts_with(&"a".repeat(240)));
    }

    #[test]
    fn generated_names_match_the_cdk() {
        let n = |c: &[&str]| unique_resource_name(c, 128, "-_").unwrap();
        assert_eq!(n(&["aws-cdk-ivs", "Channel"]), "aws-cdk-ivsChannelB1F8CE10");
        assert_eq!(n(&["MyStack", "Channel"]), "MyStackChannel87E47860");
        assert_eq!(n(&["S", "Group", "My Channel!"]), "SGroupMyChannel1C2ED022");
        assert_eq!(n(&["Default", "Channel"]), "Channel");
        let long = format!("Channel-_{}", "a".repeat(128));
        let name = n(&["aws-cdk-ivs", "DefaultProperties", &long]);
        assert_eq!(name.len(), 128);
        assert!(name.starts_with("aws-cdk-ivsDefaultPropertiesChannel-_"));
        assert!(name.ends_with("EDEAEDA9"));
    }

    #[test]
    fn addresses_hash_the_path() {
        let addr = construct_addr(&["", "MyStack", "Chan"]);
        assert!(addr.starts_with("c8"));
        assert_eq!(addr.len(), 42);
    }

    #[test]
    fn nested_stack_artifact_ids_are_hashed() {
        assert_eq!(artifact_id(&["Prod", "Api"]), "ProdApi2466CF1F");
        assert_eq!(artifact_id(&["MyStack"]), "MyStack");
    }
}
