package http

import (
	"fmt"
	"slices"
)

// Identity is one person and the names they go by in each source: an email
// in the identity provider, an IAM ARN in CloudTrail, a user name in the
// Kubernetes audit log.
type Identity struct {
	Name    string   `yaml:"name" json:"name"`
	Aliases []string `yaml:"aliases" json:"aliases"`
}

// IdentityMap links each person's names across sources. In the server's
// configuration file it reads:
//
//	identities:
//	  - name: alice
//	    aliases: ["alice@corp.com", "arn:aws:iam::123456789012:user/alice", "alice"]
type IdentityMap []Identity

// Validate checks that every identity has a name and that no name or alias
// belongs to two people.
func (m IdentityMap) Validate() error {
	owner := map[string]string{}
	for i, id := range m {
		if id.Name == "" {
			return fmt.Errorf("identities[%d]: name is empty", i)
		}
		for j, n := range append([]string{id.Name}, id.Aliases...) {
			if n == "" {
				return fmt.Errorf("identities[%d] (%s): alias %d is empty", i, id.Name, j-1)
			}
			if o, ok := owner[n]; ok && o != id.Name {
				return fmt.Errorf("identities[%d] (%s): %q already belongs to %s", i, id.Name, n, o)
			}
			owner[n] = id.Name
		}
	}
	return nil
}

// Resolve returns the person that name (a person's name or one of their
// aliases) belongs to, and every name to look for in events: the person's
// name and aliases, sorted, without repeats. A name the map does not know
// stands for itself alone.
func (m IdentityMap) Resolve(name string) (person string, names []string) {
	for _, id := range m {
		if id.Name == name || slices.Contains(id.Aliases, name) {
			names = append([]string{id.Name}, id.Aliases...)
			slices.Sort(names)
			return id.Name, slices.Compact(names)
		}
	}
	return name, []string{name}
}
