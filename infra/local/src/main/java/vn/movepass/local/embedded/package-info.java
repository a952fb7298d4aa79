/** The embedded AWS stand-ins (DynamoDB Local, ElasticMQ, LocalS3), their clients, provisioning and the SQS pollers. */
package vn.movepass.local.embedded;
