import { describe, expect, it } from "vitest";
import { xattrOnlyErrors } from "./restore";

describe("restore errors", () => {
  it("counts extended-attribute errors alone as warnings", () => {
    const stderr = [
      "ignoring error for /hello.txt: xattr.list /mnt/back/hello.txt: input/output error",
      "ignoring error for /b: xattr.set /mnt/back/b user.x: operation not permitted",
      "Fatal: There were 2 errors",
    ].join("\n");
    expect(xattrOnlyErrors(stderr)).toHaveLength(2);
    const json = [
      '{"message_type":"error","error":{"message":"xattr.list /mnt/back/hello.txt: input/output error"},"during":"restore","item":"/hello.txt"}',
      '{"message_type":"exit_error","code":1,"message":"Fatal: There were 1 errors\\n"}',
    ].join("\n");
    expect(xattrOnlyErrors(json)).toEqual(["/hello.txt: xattr.list /mnt/back/hello.txt: input/output error"]);
  });

  it("fails when any other error is among them, or when there is none to explain exit 1", () => {
    expect(
      xattrOnlyErrors(
        "ignoring error for /a: xattr.list /t/a: input/output error\nignoring error for /b: open /t/b: no space left on device\n",
      ),
    ).toBeNull();
    expect(xattrOnlyErrors("Fatal: unable to open repository\n")).toBeNull();
  });
});
