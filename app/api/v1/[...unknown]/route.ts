import { errorResponse } from "@/server/http/error-response";
import { NotFoundError } from "@/server/http/errors";

/** Any /api/v1 path no route serves: a JSON 404, whatever the method. */
const notFound = async () => errorResponse(new NotFoundError("Route not found"));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
