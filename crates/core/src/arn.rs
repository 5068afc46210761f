//! ARN parsing as the CDK's `Arn.split` does it for literal ARNs.

use std::fmt;

/// The parts of an ARN `arn:partition:service:region:account:resource[/name]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnComponents {
    /// `aws`, `aws-cn`, ...
    pub partition: String,
    /// The service, e.g. `ivs`.
    pub service: String,
    /// The region (may be empty for global services).
    pub region: String,
    /// The account (may be empty).
    pub account: String,
    /// The resource type, e.g. `channel`.
    pub resource: String,
    /// What follows the first `/` of the resource part, e.g. the channel id.
    pub resource_name: Option<String>,
}

/// Why an ARN could not be parsed. The message repeats the ARN: ARNs are not secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArnError {
    /// It does not start with `arn:` or has fewer than 6 `:`-separated components.
    Malformed(String),
    /// A required component is empty: (component name, its position, the ARN).
    MissingComponent(&'static str, &'static str, String),
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArnError::Malformed(arn) => write!(
                f,
                "ARNs must start with \"arn:\" and have at least 6 components: {arn}"
            ),
            ArnError::MissingComponent(name, pos, arn) => write!(
                f,
                "The `{name}` component ({pos} component) of an ARN is required: {arn}"
            ),
        }
    }
}

impl std::error::Error for ArnError {}

impl ArnComponents {
    /// Splits a literal ARN whose resource part is `resource/name`.
    ///
    /// ```
    /// use ivs_cdk_core::ArnComponents;
    /// let arn = ArnComponents::parse("arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh").unwrap();
    /// assert_eq!(arn.service, "ivs");
    /// assert_eq!(arn.resource, "channel");
    /// assert_eq!(arn.resource_name.as_deref(), Some("abcdABCDefgh"));
    /// ```
    pub fn parse(arn: &str) -> Result<ArnComponents, ArnError> {
        let parts: Vec<&str> = arn.split(':').collect();
        if parts.len() < 6 || parts[0] != "arn" {
            return Err(ArnError::Malformed(arn.to_owned()));
        }
        let required = [
            (1, "partition", "2nd"),
            (2, "service", "3rd"),
            (5, "resource", "6th"),
        ];
        for (i, name, pos) in required {
            if parts[i].is_empty() {
                return Err(ArnError::MissingComponent(name, pos, arn.to_owned()));
            }
        }
        let resource_part = parts[5];
        let (resource, mut resource_name) = match resource_part.split_once('/') {
            Some((r, n)) => (r.to_owned(), Some(n.to_owned())),
            None => (resource_part.to_owned(), None),
        };
        if parts.len() > 6 {
            let extra = parts[6..].join(":");
            resource_name = Some(match resource_name {
                Some(n) => format!("{n}:{extra}"),
                None => extra,
            });
        }
        Ok(ArnComponents {
            partition: parts[1].to_owned(),
            service: parts[2].to_owned(),
            region: parts[3].to_owned(),
            account: parts[4].to_owned(),
            resource,
            resource_name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_arns_are_refused_with_the_cdk_message() {
        let e = ArnComponents::parse("").unwrap_err();
        assert_eq!(
            e.to_string(),
            "ARNs must start with \"arn:\" and have at least 6 components: "
        );
        let e = ArnComponents::parse("arn:aws:ivs:us-west-2").unwrap_err();
        assert!(matches!(e, ArnError::Malformed(_)));
        let e = ArnComponents::parse("arn:aws::us-west-2:1:channel/x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "The `service` component (3rd component) of an ARN is required: arn:aws::us-west-2:1:channel/x"
        );
    }

    #[test]
    fn extra_colons_belong_to_the_resource_name() {
        let a = ArnComponents::parse("arn:aws:logs:us-east-1:1:log-group:/a/b:*").unwrap();
        assert_eq!(a.resource, "log-group");
        assert_eq!(a.resource_name.as_deref(), Some("/a/b:*"));
    }
}
