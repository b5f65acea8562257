// Validates response bodies against Twilio's OpenAPI description of TrustHub v1, with Ajv.
//
// OpenAPI 3.0 is not JSON Schema: `nullable: true` means "null as well as the type", which Ajv
// only understands next to a `type`. So the schemas are converted first: `type: T, nullable`
// becomes `type: [T, "null"]`, a nullable schema without a type stays as it is (anything goes),
// and a schema without a type that is not nullable rejects null. Twilio's own format
// `uri-map` (an object, `links`) becomes what it means: every member a URI. On top of the schema, every
// documented property is made required: a client maps each of them, and a missing one would
// quietly turn into `undefined` in a program.
'use strict';

const fs = require('node:fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const specFile = process.env.TRUSTHUB_OPENAPI_FILE;
if (!specFile)
    throw new Error('TRUSTHUB_OPENAPI_FILE is not set: it names test/openapi/twilio_trusthub_v1.json');
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));

const SPEC_ID = 'trusthub-openapi';

// Returns a JSON Schema (draft 7, as Ajv takes it) for one OpenAPI 3.0 schema object.
function convert(node) {
    if (Array.isArray(node))
        return node.map(convert);
    if (node === null || typeof node !== 'object')
        return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
        if (key === 'nullable' || key.startsWith('x-'))
            continue;
        if (key === 'format' && value === 'uri-map') {
            out.additionalProperties = { type: 'string', format: 'uri' };
            continue;
        }
        if (key === '$ref')
            out.$ref = value.replace(/^#\/components\/schemas\//, `${SPEC_ID}#/$defs/`);
        else if (key === 'properties' || key === 'examples' || key === 'example')
            out[key] = key === 'properties'
                ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]))
                : value;
        else
            out[key] = convert(value);
    }
    if (node.properties && !node.required)
        out.required = Object.keys(node.properties);
    if (node.nullable === true && typeof node.type === 'string')
        out.type = [node.type, 'null'];
    if (node.type === undefined && node.nullable !== true && node.$ref === undefined)
        out.not = { type: 'null' };
    return out;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addSchema({
    $defs: Object.fromEntries(Object.entries(spec.components.schemas).map(([name, schema]) => [name, convert(schema)])),
}, SPEC_ID);

const compiled = new Map();

// The validator for a documented response, or a string saying why there is none.
function validatorFor(pathTemplate, method, status) {
    const key = `${method} ${pathTemplate} ${status}`;
    if (compiled.has(key))
        return compiled.get(key);
    const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
    let result;
    if (!operation)
        result = `${method} ${pathTemplate} is not in the OpenAPI file`;
    else if (!operation.responses[String(status)])
        result = `${method} ${pathTemplate}: status ${status} is not documented`;
    else {
        const schema = operation.responses[String(status)].content?.['application/json']?.schema;
        result = schema ? ajv.compile(convert(schema)) : null;  // null: documented without a body
    }
    compiled.set(key, result);
    return result;
}

// The problems of `body` as the response of `method` on `pathTemplate` with `status`, as
// strings; empty when it conforms.
function problems(body, pathTemplate, method, status) {
    const validate = validatorFor(pathTemplate, method, status);
    if (typeof validate === 'string')
        return [validate];
    const where = `${method} ${pathTemplate} ${status}`;
    if (validate === null)
        return body === undefined || body === null || body === '' ? [] : [`${where}: documented without a body, but has one`];
    if (validate(body))
        return [];
    return validate.errors.map((e) => `${where}: $${e.instancePath.replaceAll('/', '.')} ${e.message}` +
        (e.params?.missingProperty ? ` (documented field missing: ${e.params.missingProperty})` : ''));
}

// Twilio's error body, which the OpenAPI file does not describe: exactly these four keys. With
// `type` or `title` the Node SDK would raise another exception class.
const errorSchema = {
    type: 'object',
    properties: {
        code: { type: 'integer', minimum: 10000, maximum: 99999 },
        message: { type: 'string', minLength: 1 },
        more_info: { type: 'string', format: 'uri', pattern: '^https://www\\.twilio\\.com/docs/errors/[0-9]+$' },
        status: { type: 'integer', minimum: 400, maximum: 599 },
    },
    required: ['code', 'message', 'more_info', 'status'],
    additionalProperties: false,
};
const validateError = ajv.compile(errorSchema);

function errorProblems(body, status) {
    const out = [];
    if (!validateError(body))
        out.push(...validateError.errors.map((e) => `error body ${status}: $${e.instancePath.replaceAll('/', '.')} ${e.message}`));
    else {
        if (body.status !== status)
            out.push(`error body: "status" is ${body.status}, the response's is ${status}`);
        if (!body.more_info.endsWith(`/${body.code}`))
            out.push(`error body: more_info ${body.more_info} does not name code ${body.code}`);
    }
    return out;
}

// The OpenAPI path template a URL path of a collection trusthub serves falls under, or null.
function pathTemplateOf(urlPath) {
    // A bundle's subcollections: /v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments[/{Sid}].
    const nested = /^\/v1\/(CustomerProfiles|TrustProducts)\/[^/]+\/(EntityAssignments|ChannelEndpointAssignments|Evaluations)(\/[^/]+)?\/?$/
        .exec(urlPath);
    if (nested) {
        const parameter = nested[1] === 'CustomerProfiles' ? '{CustomerProfileSid}' : '{TrustProductSid}';
        return `/v1/${nested[1]}/${parameter}/${nested[2]}` + (nested[3] ? '/{Sid}' : '');
    }
    for (const collection of ['/v1/EndUsers', '/v1/EndUserTypes', '/v1/SupportingDocuments',
        '/v1/SupportingDocumentTypes', '/v1/Policies', '/v1/CustomerProfiles', '/v1/TrustProducts']) {
        if (urlPath === collection || urlPath === collection + '/')
            return collection;
        if (urlPath.startsWith(collection + '/') && !urlPath.slice(collection.length + 1).includes('/'))
            return collection + '/{Sid}';
    }
    return null;
}

module.exports = { problems, errorProblems, pathTemplateOf, convert, spec };
