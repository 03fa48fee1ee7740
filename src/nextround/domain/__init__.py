"""Pure types and rules of nextround: standard library only, time is a parameter."""
