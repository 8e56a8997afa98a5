# A helper library of the user's own, in a package of its own.
package acme.helpers

tagged(r, key) if object.get(r.attributes, ["tags", key], "") != ""
