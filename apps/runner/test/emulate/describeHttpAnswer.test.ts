import { describe, expect, it } from "vitest";
import { describeHttpAnswer } from "../../src/emulate/describeHttpAnswer";

describe("describeHttpAnswer", () => {
  it("gives a REST proxy's message with its error_code", () => {
    expect(
      describeHttpAnswer(422, "Unprocessable Entity", '{"error_code":42203,"message":"Unrecognized field"}'),
    ).toBe("422 Unprocessable Entity: Unrecognized field (error_code 42203)");
  });

  it("gives API Gateway's and Kinesis's messages, with the error type when there is one", () => {
    expect(describeHttpAnswer(403, "Forbidden", '{"message":"Missing Authentication Token"}')).toBe(
      "403 Forbidden: Missing Authentication Token",
    );
    expect(
      describeHttpAnswer(
        400,
        "Bad Request",
        '{"__type":"ValidationException","Message":"1 validation error"}',
      ),
    ).toBe("400 Bad Request: 1 validation error (ValidationException)");
    expect(describeHttpAnswer(400, "", '{"__type":"SerializationException"}')).toBe(
      "400: SerializationException",
    );
  });

  it("quotes the first line of any other body, shortened, and says nothing more for an empty one", () => {
    expect(describeHttpAnswer(502, "Bad Gateway", "<html>\n<body>nginx</body>")).toBe(
      "502 Bad Gateway: <html>",
    );
    expect(describeHttpAnswer(500, "Internal Server Error", "x".repeat(300))).toBe(
      `500 Internal Server Error: ${"x".repeat(200)}...`,
    );
    expect(describeHttpAnswer(404, "Not Found", "")).toBe("404 Not Found");
    expect(describeHttpAnswer(400, "Bad Request", "[1,2]")).toBe("400 Bad Request: [1,2]");
    expect(describeHttpAnswer(400, "Bad Request", '{"message":5}')).toBe('400 Bad Request: {"message":5}');
  });
});
