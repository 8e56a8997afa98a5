package attest

import (
	"errors"
	"fmt"
)

// Application error codes. The HTTP layer maps each to one status and the CLI
// prints the message; an internal error is logged and shown only as
// "internal error".
const (
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	EUNAVAILABLE  = "unavailable"
	EINTERNAL     = "internal"
)

// Error is the application error: a code and a message that is safe to show a
// user.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("attest error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an application error with the given code and a formatted
// message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the application error in err's chain, or
// EINTERNAL when there is none. A nil error has no code.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the application error in err's chain,
// or "internal error" when there is none.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
