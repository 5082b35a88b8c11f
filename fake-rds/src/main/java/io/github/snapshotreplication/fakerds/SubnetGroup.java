package io.github.snapshotreplication.fakerds;

/**
 * A DB subnet group of one region, as a restore names it: only its name and VPC (the fake has no subnets).
 *
 * @param name  DBSubnetGroupName
 * @param vpcId VpcId
 */
record SubnetGroup(String name, String vpcId) {
}
