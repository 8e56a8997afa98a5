package vuln

// unionFind is a disjoint-set forest over dense int32 ids with path halving
// and union by size.
type unionFind struct {
	parent []int32
	size   []int32
}

// add makes a new singleton set and returns its id.
func (u *unionFind) add() int32 {
	id := int32(len(u.parent))
	u.parent = append(u.parent, id)
	u.size = append(u.size, 1)
	return id
}

// find returns the representative of x's set.
func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of a and b.
func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
	u.size[ra] += u.size[rb]
}
