// Package cloudformation loads AWS CloudFormation templates (YAML or JSON,
// SAM templates included) into attest resources.
//
// Load reads one template: its Parameters (values from Options.Parameters,
// else the parameter's Default), Mappings and Conditions, and returns one
// attest.Resource per entry of Resources, with the evaluated Properties as
// Attributes, the logical id as Address and the file as Root. YAML short-form
// intrinsics (!Ref, !Sub, !GetAtt, ...) are read from the node tags of
// gopkg.in/yaml.v3 and mean the same as their long forms (Ref, Fn::Sub,
// Fn::GetAtt, ...); JSON is read by the same parser, so every value and every
// error has a line and a column.
//
// Nothing is guessed. A value that only deployment can tell is left out of
// Attributes and its path listed in Unknown, exactly as the Terraform loader
// does: a Ref or Fn::GetAtt to a resource (its physical id and attributes
// exist after creation), pseudo parameters (AWS::Region, AWS::AccountId, ...)
// unless Options.Parameters names them, a parameter with no default and no
// value, SSM parameter types (their value is read from Parameter Store at
// deploy time), Fn::ImportValue, Fn::GetAZs, Fn::Cidr, and any string built
// from one of those. An Fn::If whose condition cannot be decided keeps what
// both branches agree on; the rest is unknown. Ref: AWS::NoValue removes the
// property or list element, as CloudFormation does.
//
// Every Ref, Fn::GetAtt and ${Name} of Fn::Sub that names a resource is a
// reference: Refs maps the path of each property (top-level and nested) to
// the logical ids its value referred to, so a rule joins an
// AWS::S3::BucketPolicy to its AWS::S3::Bucket.
//
// Conditions are evaluated (Fn::Equals, Fn::And, Fn::Or, Fn::Not,
// Condition): a resource whose condition is false is not emitted; one whose
// condition cannot be decided is emitted with a warning diagnostic.
//
// A template that does not parse, an intrinsic of the wrong shape, a Ref to
// a name the template does not declare, or a missing Mappings entry is an
// error diagnostic at file:line:col; the value concerned is unknown and the
// rest of the template is still read. The template is untrusted input:
// evaluation is bounded in steps (YAML aliases cannot multiply work without
// limit) and in the size of the strings it builds.
package cloudformation
