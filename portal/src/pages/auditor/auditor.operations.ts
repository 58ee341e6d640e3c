import { graphql } from '../../gql';

/** The access log's entries: who, when, which service, what fields (paths, no values) and why. */
export const ACCESS_LOG = graphql(`
  query PortalAccessLog($filter: AccessLogFilter!, $first: Int!, $after: Int!) {
    accessLog(filter: $filter, first: $first, after: $after) {
      position
      at
      username
      sub
      roles
      agency
      service
      clientId
      operationName
      purpose
      caseNumber
      outcome
      categories
      fields
      denied
      basis
      emergency
      requestId
    }
  }
`);

/** Who saw a child's data, for a parent's request: the CSV is the document handed over. */
export const SUBJECT_ACCESS_REPORT = graphql(`
  query PortalSubjectAccessReport($childId: ID!, $municipality: String) {
    subjectAccessReport(childId: $childId, municipality: $municipality) {
      childId
      timeZone
      csv
      entries {
        position
        at
        username
        agency
        service
        purpose
        outcome
        categories
        basis
        emergency
      }
    }
  }
`);

export const VERIFY_AUDIT_LOG = graphql(`
  query PortalVerifyAuditLog {
    verifyAuditLog {
      ok
      checked
      firstBadPosition
      reason
      headPosition
      headHash
      summary
      checkpointsChecked
      checkpointsSignatureValid
      checkpointFailures
      firstFailedCheckpoint {
        position
        signedAt
        keyId
        reason
        foundHash
        lastReachedPosition
      }
    }
  }
`);

/** The hub's signed checkpoints and its public key: the auditor saves one outside the hub, and later checks against it. */
export const AUDIT_CHECKPOINTS = graphql(`
  query PortalAuditCheckpoints($last: Int!) {
    auditCheckpoints(last: $last) {
      position
      hash
      signedAt
      keyId
      signature
    }
    auditSigningKey
  }
`);

export const EMERGENCY_FOR_REVIEW = graphql(`
  query PortalEmergencyForReview {
    emergencyAccessesAwaitingReview {
      emergencyId
      entries {
        position
        at
        username
        roles
        agency
        service
        purpose
        outcome
        categories
        fields
        requestId
      }
    }
  }
`);

export const REVIEW_EMERGENCY = graphql(`
  mutation PortalReviewEmergencyAccess($emergencyId: ID!, $note: String!) {
    reviewEmergencyAccess(emergencyId: $emergencyId, note: $note)
  }
`);
