package hugeheap

import "testing"

func TestMode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"always [madvise] never\n", "madvise"},
		{"[always] madvise never", "always"},
		{"always madvise [never]", "never"},
		{"always madvise never", ""},
		{"[] madvise", ""},
		{"", ""},
	} {
		if got := mode(tt.in); got != tt.want {
			t.Errorf("mode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisabledByGODEBUG(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1, disablethp=1", true},
		{"disablethp=0", false},
		{"disablethp=1,disablethp=0", false},
		{"madvdontneed=1", false},
		{"xdisablethp=1", false},
	} {
		if got := disabledByGODEBUG(tt.in); got != tt.want {
			t.Errorf("disabledByGODEBUG(%q) = %t, want %t", tt.in, got, tt.want)
		}
	}
}

func TestReserveBelowMinSize(t *testing.T) {
	r, err := Reserve(MinSize - 1)
	if err != nil || r != (Range{}) {
		t.Fatalf("Reserve(MinSize-1) = %+v, %v; want the zero Range and no error", r, err)
	}
}
