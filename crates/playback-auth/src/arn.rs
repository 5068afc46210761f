//! Recognizing the IVS ARNs that tokens carry.

/// Longest ARN the IVS API accepts.
const MAX_ARN_LEN: usize = 128;

/// Returns the resource id if `arn` is `arn:<partition>:ivs:<region>:<account>:<resource>/<id>`.
///
/// The partition is `aws` or `aws-<suffix>`, the region `[a-z0-9-]+`, the account
/// digits and the id `[a-zA-Z0-9-]+`, as in the IVS API patterns.
pub(crate) fn ivs_resource_id<'a>(arn: &'a str, resource: &str) -> Option<&'a str> {
    if arn.len() > MAX_ARN_LEN {
        return None;
    }
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("ivs"), Some(region), Some(account), Some(rest)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let partition_ok = partition == "aws"
        || partition.strip_prefix("aws-").is_some_and(|s| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        });
    let region_ok = !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let account_ok = !account.is_empty() && account.bytes().all(|b| b.is_ascii_digit());
    let id = rest.strip_prefix(resource)?.strip_prefix('/')?;
    let id_ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    (partition_ok && region_ok && account_ok && id_ok).then_some(id)
}

/// The resource type of an IVS ARN (`channel`, `stream-key`, ...), for error messages.
pub(crate) fn resource_type(arn: &str) -> Option<&str> {
    let rest = arn.splitn(6, ':').nth(5)?;
    rest.split_once('/').map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_arn_yields_its_id() {
        assert_eq!(
            ivs_resource_id(
                "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456",
                "channel"
            ),
            Some("AbCdEf123456")
        );
    }

    #[test]
    fn other_resource_types_and_services_are_refused() {
        let key = "arn:aws:ivs:us-west-2:123456789012:stream-key/AbCdEf123456";
        assert_eq!(ivs_resource_id(key, "channel"), None);
        assert_eq!(resource_type(key), Some("stream-key"));
        assert_eq!(
            ivs_resource_id("arn:aws:ivschat:us-west-2:1:room/abc", "room"),
            None
        );
        assert_eq!(
            ivs_resource_id("arn:aws:ivs:us-west-2:1:channel/", "channel"),
            None
        );
        assert_eq!(
            ivs_resource_id("arn:aws:ivs:us-west-2:1:channel/a/b", "channel"),
            None
        );
        assert_eq!(
            ivs_resource_id("arn:aws:ivs::1:channel/abc", "channel"),
            None
        );
    }
}
