import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

import { requestValidationPipe } from './request-validation.pipe';

class AddressDto {
  @IsString()
  city!: string;
}

class InviteDto {
  @IsEmail()
  email!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  displayName?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AddressDto)
  offices?: AddressDto[];
}

const body: ArgumentMetadata = { type: 'body', metatype: InviteDto };

describe('requestValidationPipe', () => {
  const pipe = requestValidationPipe();

  it('passes a valid body on as an instance of its DTO', async () => {
    const invite = await pipe.transform({ email: 'alice@example.com' }, body);

    expect(invite).toBeInstanceOf(InviteDto);
    expect(invite).toEqual({ email: 'alice@example.com' });
  });

  it('answers 400 REQUEST_INVALID naming the offending field', async () => {
    await expect(pipe.transform({ email: 'alice' }, body)).rejects.toMatchObject({
      status: 400,
      code: 'REQUEST_INVALID',
      message: 'The request is invalid: email must be an email.',
    });
  });

  it('names every offending field', async () => {
    const invite = { email: 42, displayName: 'Alice of the Very Long Name' };

    await expect(pipe.transform(invite, body)).rejects.toMatchObject({
      message:
        'The request is invalid: email must be an email; ' +
        'displayName must be shorter than or equal to 20 characters.',
    });
  });

  it('refuses a field the DTO does not declare', async () => {
    const invite = { email: 'alice@example.com', isAdmin: true };

    await expect(pipe.transform(invite, body)).rejects.toMatchObject({
      code: 'REQUEST_INVALID',
      message: 'The request is invalid: property isAdmin should not exist.',
    });
  });

  it('names a nested field by its path', async () => {
    const invite = {
      email: 'alice@example.com',
      address: { city: 7 },
      offices: [{ city: 'Lyon' }, {}],
    };

    await expect(pipe.transform(invite, body)).rejects.toMatchObject({
      message:
        'The request is invalid: address.city must be a string; ' +
        'offices.1.city must be a string.',
    });
  });
});
