/// Declares the construct type of an L1 resource: the handle, its constructor, typed
/// access to its props, and `Deref` to [`CfnResource`](crate::CfnResource) for the
/// escape hatches.
macro_rules! l1_construct {
    (
        $(#[$meta:meta])*
        $name:ident, $props:ident, $cfn_type:literal, $fqn:literal,
        attrs { $( $(#[$ameta:meta])* $attr_fn:ident => $attr:literal ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub struct $name {
            resource: $crate::CfnResource,
        }

        impl $name {
            /// The CloudFormation resource type name.
            pub const CFN_RESOURCE_TYPE_NAME: &'static str = $cfn_type;

            /// Declares the resource in `scope`.
            pub fn new(scope: &impl $crate::Construct, id: &str, props: $props) -> Self {
                $name {
                    resource: $crate::CfnResource::with_props(scope, id, $cfn_type, Box::new(props), $fqn),
                }
            }

            /// The typed handle of an existing resource of this type (for example the
            /// default child of an L2 construct); `None` for another type.
            pub fn from_resource(resource: &$crate::CfnResource) -> Option<Self> {
                if resource.cfn_type() == $cfn_type {
                    Some($name { resource: resource.clone() })
                } else {
                    None
                }
            }

            /// Changes the props after creation (the CDK's `cfn.prop = value`).
            pub fn update(&self, f: impl FnOnce(&mut $props)) {
                let _ = self.resource.update_props::<$props, ()>(f);
            }

            /// A copy of the current props.
            pub fn props(&self) -> $props {
                self.resource
                    .update_props::<$props, $props>(|p| p.clone())
                    .unwrap_or_default()
            }

            $(
                $(#[$ameta])*
                pub fn $attr_fn(&self) -> $crate::Value {
                    self.resource.get_att($attr)
                }
            )*
        }

        impl std::ops::Deref for $name {
            type Target = $crate::CfnResource;
            fn deref(&self) -> &$crate::CfnResource {
                &self.resource
            }
        }

        impl $crate::Construct for $name {
            fn node(&self) -> &$crate::Node {
                $crate::Construct::node(&self.resource)
            }
        }
    };
}

/// A property's rendered value: `Null` when unset, so that overrides keep schema
/// order (the core drops nulls after merging overrides).
pub(crate) fn opt<T: Clone + Into<crate::Value>>(v: &Option<T>) -> crate::Value {
    v.clone().map_or(crate::Value::Null, Into::into)
}

pub(crate) use l1_construct;
